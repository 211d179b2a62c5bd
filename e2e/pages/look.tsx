// Every look of <VoiceAgent/> and its primitives, for the screenshot tests and the README images. Sessions are
// scripted into the real store and reducer; levels are fixed and the visualizer's clock frozen, so a state
// always draws the same pixels.
import { Profiler } from 'react';
import { createRoot } from 'react-dom/client';
import {
  AgentStatus,
  AgentVisualizer,
  MuteButton,
  RealtimeSessionProvider,
  TalkButton,
  Transcript,
  VoiceAgent,
  type AgentVisualizerVariant,
  type VoiceAgentLayout,
  type VisualizerState,
} from '../../src/entries/index.js';
import '../../src/react/styles.css';
import { acquireCallMetrics } from '../../src/session/metrics/sharedCallMetrics';
import { createScriptedSession, type ScriptStep } from '../../stories/support/createScriptedSession';
import { userTurn } from '../../stories/support/realtimeEvents';
import { scenarios, type ScenarioName } from '../../stories/support/scenarios';

const root = createRoot(document.getElementById('stage')!);
const stage = document.getElementById('stage')!;

export interface AgentShot {
  scenario: ScenarioName | 'reconnecting';
  layout?: VoiceAgentLayout;
  open?: boolean;
  input?: number;
  output?: number;
  dir?: 'ltr' | 'rtl';
}

function session(scenario: AgentShot['scenario'], input = 0, output = 0) {
  const steps: ScriptStep[] =
    scenario === 'reconnecting'
      ? [...scenarios.answered, { step: 'status', status: 'reconnecting' }]
      : scenarios[scenario];
  // The weather tool never answers, so a call stays running for the picture.
  const tools = [{ name: 'get_weather', handler: () => new Promise(() => undefined), timeoutMs: 3_600_000 }];
  const s = createScriptedSession({ initial: steps, animateLevels: false, tools });
  s.setLevels(input, output);
  return s;
}

const variants: AgentVisualizerVariant[] = ['orb', 'bars', 'wave'];
const states: VisualizerState[] = ['idle', 'connecting', 'listening', 'thinking', 'speaking', 'muted'];

let commits = 0;
let shots = 0;
let live: ReturnType<typeof createScriptedSession> | null = null;

const look = {
  /** A running VoiceAgent (no frozen clock) whose levels a test sets; React commits are counted. */
  live(scenario: AgentShot['scenario'] = 'answered'): void {
    live = session(scenario, 0, 0);
    root.render(
      <Profiler id="live" onRender={() => (commits += 1)}>
        <VoiceAgent session={live} />
      </Profiler>,
    );
  },
  /** One more user turn at the end of the longTranscript conversation. */
  say(text: string): void {
    void live?.play(userTurn('item_more', 'item_a19', text));
  },
  setLevels(input: number, output: number): void {
    live?.setLevels(input, output);
  },
  commits: () => commits,
  /** A cheap fingerprint of the visualizer's pixels. */
  pixels(): number {
    const canvas = document.querySelector<HTMLCanvasElement>('canvas[data-talkwire="agent-visualizer"]')!;
    const data = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
    let sum = 0;
    for (let i = 0; i < data.length; i += 7) sum = (sum * 31 + data[i]!) % 1_000_000_007;
    return sum;
  },

  agent(shot: AgentShot): void {
    stage.dir = shot.dir ?? 'ltr';
    delete stage.dataset['wide'];
    root.render(
      <VoiceAgent
        key={JSON.stringify(shot)}
        session={session(shot.scenario, shot.input ?? 0.35, shot.output ?? 0.6)}
        layout={shot.layout ?? 'card'}
        defaultOpen={shot.open === true}
        visualizer={{ time: 1200 }}
      />,
    );
  },
  /** The card with `showStats` on a poor connection: no turn timed yet and a 900 ms round trip, so fixed figures. */
  async stats(): Promise<void> {
    stage.dir = 'ltr';
    delete stage.dataset['wide'];
    const s = session('answered', 0.35, 0.6);
    // A new key each time: a fresh overlay, collapsed, whatever the previous shot left open.
    root.render(<VoiceAgent key={`stats-${++shots}`} realtimeSession={s} showStats visualizer={{ time: 1200 }} />);
    const metrics = acquireCallMetrics(s);
    while (metrics.get() === null) await new Promise((resolve) => setTimeout(resolve, 10));
    metrics.get()!.reportWebSocketStats(900, 0);
  },
  visualizers(): void {
    delete stage.dataset['wide'];
    const s = session('answered', 0.45, 0.6);
    root.render(
      <div className="grid" key="visualizers">
        {variants.flatMap((variant) =>
          states.map((state) => (
            <div className="cell" key={`${variant}-${state}`}>
              <AgentVisualizer session={s} variant={variant} state={state} time={1200} />
            </div>
          )),
        )}
        {states.map((state) => (
          <p key={state}>{state}</p>
        ))}
      </div>,
    );
  },
  /** Primitives with no .talkwire wrapper, under an ancestor whose data-theme differs from the OS theme. */
  primitives(theme: 'light' | 'dark'): void {
    delete stage.dataset['wide'];
    const s = session('answered');
    root.render(
      <div className="themed" data-theme={theme} key={theme}>
        <RealtimeSessionProvider session={s}>
          <AgentStatus />
          <Transcript />
          <div className="row">
            <TalkButton />
            <MuteButton />
          </div>
        </RealtimeSessionProvider>
      </div>,
    );
  },
};

declare global {
  interface Window {
    look: typeof look;
  }
}
window.look = look;
document.body.dataset['lookReady'] = 'true';
