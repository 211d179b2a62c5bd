// Sections 5 and 6 of the benchmark page: connect latency and connect/disconnect cycles in Chromium.
import { CONTENDERS, type BrowserResult, type Contender } from './browser.js';
import { fmt, kb, type Report } from './report.js';

export function writeBrowserSections({ say, table, goals }: Report, browser: BrowserResult): void {
  const ms = (n: number) => (Number.isFinite(n) ? `${fmt(n, 1)} ms` : 'n/a');
  const NAMES: Record<Contender, string> = {
    bare: 'bare WebRTC script (floor)',
    agents: 'agents-realtime',
    talkwire: 'talkwire',
  };
  const [base, delayed] = browser.latency;
  if (base) {
    say('## 5. Connect latency (Chromium, emulator)');
    say();
    say(
      `Real WebRTC from headless Chromium to the local emulator on 127.0.0.1, the contenders alternating in a rotating order, median of ${base.runs} runs each after one warm-up round. Every contender does the same work: POST the key endpoint, getUserMedia, a peer connection with the \`oai-events\` data channel and one send track, create the offer, POST it to \`/realtime/calls\`, set the answer, and wait for the first server event, \`session.created\`. The clock starts before any of that.`,
    );
    say();
    say(
      '- **session.created**: when `session.created` arrived on the data channel, timed the same way for all (a listener on every data channel the contender creates).',
    );
    say(
      '- **ready**: when the contender itself reports it is connected. Bare script: `session.created`. talkwire: `connect()` resolved, which it does at `session.created` (no session config given here). agents-realtime: `OpenAIRealtimeWebRTC.connect()` resolved, which waits for its own `session.update` to be answered with `session.updated`.',
    );
    say(
      '- agents-realtime is measured as it is: it sends its `session.update` the moment the data channel opens, and its ready waits for the `session.updated` that answers it. Comparisons are like with like: ready against ready, session.created against session.created.',
    );
    say(
      '- Key and microphone: the bare script and talkwire request both at once (talkwire also creates the AudioContext of its meters then, and loads the meter worklet once the answer is in); agents-realtime fetches the key first and opens the microphone after it.',
    );
    say();
    const range = (values: number[]) => {
      const finite = values.filter((v) => Number.isFinite(v));
      return finite.length ? `${fmt(Math.min(...finite), 0)}–${fmt(Math.max(...finite), 0)}` : 'n/a';
    };
    table(
      ['contender', 'session.created', 'range', 'ready', 'session.created / floor'],
      CONTENDERS.map((c) => [
        NAMES[c],
        ms(base.created[c]),
        range(base.samples[c].map((x) => x.created)),
        ms(base.connected[c]),
        `${fmt(base.created[c] / base.created.bare, 2)}x`,
      ]),
    );
    if (delayed) {
      say(
        `The same with ${delayed.delayMs} ms added in front of the key request (a fetch wrapper that delays only the key endpoint) and in front of getUserMedia, for every contender. If key and microphone overlap, the total grows by about ${delayed.delayMs} ms; if they run one after the other, by about ${2 * delayed.delayMs} ms.`,
      );
      say();
      table(
        [
          'contender',
          'session.created, no delay',
          `with ${delayed.delayMs} ms + ${delayed.delayMs} ms`,
          'added',
          'overlap',
        ],
        CONTENDERS.map((c) => {
          const added = delayed.created[c] - base.created[c];
          return [
            NAMES[c],
            ms(base.created[c]),
            ms(delayed.created[c]),
            `+${fmt(added, 1)} ms`,
            added < 1.5 * delayed.delayMs ? 'yes' : 'no (sum)',
          ];
        }),
      );
    }
    const retries = browser.latency.reduce((n, l) => n + l.retries, 0);
    if (retries > 0) {
      say(`${retries} run(s) failed or timed out and were left out of the medians (the printed log shows why).`);
      say();
    }
    goals.push([
      'latency: talkwire within 1.15x of the floor',
      base.connected.talkwire <= 1.15 * base.created.bare,
      `ready ${fmt(base.connected.talkwire / base.created.bare, 2)}x the floor's session.created`,
    ]);
    goals.push([
      'latency: talkwire ready before agents-realtime ready',
      base.connected.talkwire < base.connected.agents,
      `${fmt(base.connected.talkwire, 1)} ms vs ${fmt(base.connected.agents, 1)} ms`,
    ]);
    goals.push([
      'latency: talkwire session.created before agents-realtime session.created',
      base.created.talkwire < base.created.agents,
      `${fmt(base.created.talkwire, 1)} ms vs ${fmt(base.created.agents, 1)} ms`,
    ]);
    if (delayed) {
      const added = delayed.connected.talkwire - base.connected.talkwire;
      goals.push([
        `latency: ${delayed.delayMs} ms key + ${delayed.delayMs} ms mic overlap (adds ~${delayed.delayMs}, not ${2 * delayed.delayMs})`,
        added < 1.5 * delayed.delayMs,
        `+${fmt(added, 1)} ms`,
      ]);
    }
  }
  const leaks = browser.leaks;
  if (leaks) {
    say('## 6. Connect and disconnect cycles (Chromium)');
    say();
    say(
      `talkwire sessions connected to the emulator and disconnected ${leaks.cycles} times in one page, every peer connection, AudioContext and microphone stream counted through the session's injectable environment; heap read after forced GC, after 3 warm-up cycles and after the ${leaks.cycles}.`,
    );
    say();
    table(
      [
        'after cycles',
        'live mic tracks',
        'open peer connections',
        'open AudioContexts',
        'JS heap before',
        'JS heap after',
      ],
      [
        [
          fmt(leaks.cycles),
          fmt(leaks.liveTracks),
          fmt(leaks.openPeers),
          fmt(leaks.openContexts),
          kb(leaks.heapStartBytes),
          kb(leaks.heapEndBytes),
        ],
      ],
    );
    goals.push([
      `leaks: nothing left open after ${leaks.cycles} cycles`,
      leaks.liveTracks + leaks.openPeers + leaks.openContexts === 0,
      `${leaks.liveTracks} tracks, ${leaks.openPeers} peers, ${leaks.openContexts} contexts`,
    ]);
    goals.push([
      'leaks: heap returns near its start (< +10%)',
      leaks.heapEndBytes <= leaks.heapStartBytes * 1.1,
      `${kb(leaks.heapStartBytes)} -> ${kb(leaks.heapEndBytes)}`,
    ]);
  }
}
