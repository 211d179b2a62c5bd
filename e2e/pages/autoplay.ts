// Connects on load, before any user gesture, as a page that starts a call by itself would (or, with
// `?start=click`, from a click on "Connect"). It reports only
// through console messages until the click: every Playwright evaluate runs as a user gesture in Chromium, which
// would lift the autoplay block the test is about. The "Resume audio" button calls session.resumeAudio() from
// a real click and starts the page's own measurement of the played audio.
import { createRealtimeSession, selectOrder } from '../../src/entries/core';

export interface Report {
  phase: string;
  status: string;
  agentState: string;
  items: number;
  playbackBlocked: boolean;
  contexts: AudioContextState[];
  elementsPaused: boolean[];
  inputLevel: number;
  outputLevel: number;
  /** RMS of the played agent audio, measured by the page's own analyser after the click. */
  playedRms: number;
  unhandledRejections: string[];
  errors: string[];
}

const contexts: AudioContext[] = [];
const elements: HTMLAudioElement[] = [];
const unhandledRejections: string[] = [];
const errors: string[] = [];
let phase = 'loading';
let playedRms = 0;
let lastSent = '';

class ObservedAudioContext extends AudioContext {
  constructor(options?: AudioContextOptions) {
    super(options);
    contexts.push(this);
    this.addEventListener('statechange', () => report());
  }
}

window.addEventListener('unhandledrejection', (event) => {
  unhandledRejections.push(String((event.reason as Error)?.name ?? event.reason));
  report();
});

const { apiBaseUrl } = (await (await fetch('/api/realtime-config')).json()) as { apiBaseUrl: string };
const session = createRealtimeSession({
  clientSecretUrl: '/api/realtime-session',
  apiBaseUrl,
  environment: {
    AudioContext: ObservedAudioContext,
    createAudioElement: () => {
      const el = new Audio();
      elements.push(el);
      return el;
    },
  },
});
session.on('error', (error) => {
  errors.push(error.code);
  report();
});
session.store.subscribe(() => report());

function snapshot(): Report {
  const state = session.store.getState();
  return {
    phase,
    status: state.status,
    agentState: state.agentState,
    items: selectOrder(state).length,
    playbackBlocked: state.output.playbackBlocked,
    contexts: contexts.map((c) => c.state),
    elementsPaused: elements.map((el) => el.paused),
    inputLevel: Number(session.getInputLevel().toFixed(4)),
    outputLevel: Number(session.getOutputLevel().toFixed(4)),
    playedRms: Number(playedRms.toFixed(4)),
    unhandledRejections: [...unhandledRejections],
    errors: [...errors],
  };
}

/** Sends the state to the test as a console message when it changed (levels are rounded to keep this rare). */
function report(): void {
  const text = JSON.stringify(snapshot());
  if (text === lastSent) return;
  lastSent = text;
  console.log(`autoplay-report ${text}`);
  document.getElementById('status')!.textContent = snapshot().status;
}

/** Measures what the <audio> element plays with the page's own analyser, independent of talkwire's meter. */
function measurePlayback(ctx: AudioContext, element: HTMLAudioElement): void {
  const stream = element.srcObject;
  if (!(stream instanceof MediaStream)) return;
  const analyser = ctx.createAnalyser();
  analyser.fftSize = 2048;
  ctx.createMediaStreamSource(stream).connect(analyser);
  const buf = new Float32Array(analyser.fftSize);
  setInterval(() => {
    analyser.getFloatTimeDomainData(buf);
    let sum = 0;
    for (const v of buf) sum += v * v;
    playedRms = Math.max(playedRms, Math.sqrt(sum / buf.length));
  }, 50);
}

document.getElementById('resume')!.addEventListener('click', () => {
  phase = 'resuming';
  report();
  // Created inside the click, so this context is allowed to run.
  const measuring = new AudioContext();
  void session.resumeAudio().then(() => {
    phase = 'resumed';
    const element = elements.at(-1);
    if (element) measurePlayback(measuring, element);
    report();
  });
});

// Levels change continuously: sample them for the report a few times a second.
setInterval(report, 250);

function connect(): void {
  phase = 'connecting';
  report();
  session.connect().then(
    () => {
      phase = 'connected';
      report();
    },
    () => report(),
  );
}

// `?start=click` waits for the "Connect" button instead, as a page that follows the advice does.
if (new URLSearchParams(location.search).get('start') === 'click') {
  phase = 'waiting';
  report();
  document.getElementById('connect')!.addEventListener('click', connect);
} else {
  connect();
}
