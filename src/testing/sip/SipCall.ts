import { Webhook } from 'standardwebhooks';
import { ConversationEngine } from '../engine/ConversationEngine.js';
import { InputMeter } from '../engine/inputStats.js';
import type { MicInputStats } from '../engine/inputStats.js';
import type { AudioOutput, PlayoutEvents, SendOutcome } from '../engine/types.js';
import type { EmulatorContext, SipLeg } from '../emulatorContext.js';
import { VAD_FRAME_SAMPLES } from '../EnergyVad.js';
import { newHexId, newId } from '../ids.js';
import { mergeSessionConfig } from '../sessionConfig.js';
import { defaultSessionConfig } from '../sessionConfig.js';
import { SAMPLE_RATE, synthesizeWord } from '../speechSynth.js';
import { AudioPlayout } from '../webrtc/AudioPlayout.js';

export interface IncomingSipOptions {
  /** Where the `realtime.call.incoming` webhook is posted: a loopback URL (the emulator serves this machine). */
  webhookUrl: string;
  /** The endpoint's signing secret (`whsec_` + base64), as OpenAI's dashboard shows it. */
  secret: string;
  /** Words the caller says once the call is accepted (the scenario's `hears` gives their transcript). Default 4. */
  words?: number;
  /** Keys the caller presses after the assistant's first reply. Default '1'. */
  dtmf?: string;
  /** SIP `From`, sent among the webhook's `sip_headers`. */
  from?: string;
}

export type SipState = 'ringing' | 'accepted' | 'rejected' | 'referred' | 'ended';

export interface SipCallInfo {
  callId: string;
  state: SipState;
  /** Webhook delivery: the app's HTTP status, or the error when it could not be reached. */
  webhook: { status: number } | { error: string };
  statusCode?: number;
  referredTo?: string;
  dtmfSent: string;
}

const WEBHOOK_TIMEOUT_MS = 5_000;

/** The phone side: OpenAI plays the assistant into the phone line, so output is paced audio nobody reads here. */
class SipMedia {
  readonly transport = 'webrtc';
  readonly serverPlayback = true;
  readonly maxMessageBytes = Number.MAX_SAFE_INTEGER;
  readonly meter = new InputMeter();
  sendText = (): SendOutcome => 'sent';
  sendRaw = async () => 0;
  createOutput = (events: PlayoutEvents): AudioOutput => new AudioPlayout(() => undefined, events);
  appendAudio = () => "A SIP call's audio comes from the phone line; 'input_audio_buffer.append' is not accepted.";
  inputStats = (): MicInputStats => this.meter.stats();
  pauseNetwork = () => undefined;
  dropChannel = () => undefined;
  close = () => undefined;
}

function isLoopbackUrl(url: string): boolean {
  try {
    const { hostname, protocol } = new URL(url);
    return (protocol === 'http:' || protocol === 'https:') && ['127.0.0.1', 'localhost', '[::1]'].includes(hostname);
  } catch {
    return false;
  }
}

/**
 * Rings a simulated incoming SIP call: posts a signed `realtime.call.incoming` webhook, then waits for
 * `/accept`, `/reject` or `/refer` like OpenAI. Once accepted, a scripted caller speaks, waits for the
 * assistant's answer and presses DTMF keys.
 */
export async function ringSipCall(context: EmulatorContext, options: IncomingSipOptions): Promise<SipCallInfo> {
  if (!isLoopbackUrl(options.webhookUrl))
    throw new TypeError(`webhookUrl must be an http URL on this machine (127.0.0.1), not '${options.webhookUrl}'.`);
  if (!/^whsec_[A-Za-z0-9+/=]+$/.test(options.secret))
    throw new TypeError("secret must be a Standard Webhooks secret: 'whsec_' followed by base64.");
  const dtmf = options.dtmf ?? '1';
  if (!/^[0-9*#A-D]*$/.test(dtmf)) throw new TypeError('dtmf may hold only 0-9, *, # and A-D.');
  const callId = newHexId('rtc');
  const media = new SipMedia();
  const call = new ConversationEngine(media, context.callOptions(callId, defaultSessionConfig()));
  const info: SipCallInfo = { callId, state: 'ringing', webhook: { status: 0 }, dtmfSent: '' };
  const end = (state: SipState, reason: string) => {
    if (info.state === 'ringing' || info.state === 'accepted') info.state = state;
    call.close(reason);
  };
  const leg: SipLeg = {
    accept(session) {
      if (info.state !== 'ringing') return;
      info.state = 'accepted';
      call.session = mergeSessionConfig(call.session, session);
      call.output.start();
      call.open();
      runCaller(call, options.words ?? 4, dtmf, info);
    },
    reject(statusCode) {
      info.statusCode = statusCode;
      end('rejected', `rejected with ${statusCode}`);
    },
    refer(targetUri) {
      info.referredTo = targetUri;
      end('referred', `referred to ${targetUri}`);
    },
  };
  context.calls.set(callId, call);
  context.sip.set(callId, leg);
  context.sipCalls.set(callId, info);
  const event = {
    id: newId('evt'),
    object: 'event',
    type: 'realtime.call.incoming',
    created_at: Math.floor(Date.now() / 1000),
    data: {
      call_id: callId,
      sip_headers: [
        { name: 'From', value: options.from ?? '"Caller" <sip:+14155550100@sip.example.com>' },
        { name: 'To', value: '<sip:+14155550199@sip.api.openai.com>' },
        { name: 'Max-Forwards', value: '63' },
      ],
    },
  };
  const body = JSON.stringify(event);
  const msgId = newId('msg', 24);
  const now = new Date();
  const signature = new Webhook(options.secret).sign(msgId, now, body);
  try {
    const res = await fetch(options.webhookUrl, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'webhook-id': msgId,
        'webhook-timestamp': String(Math.floor(now.getTime() / 1000)),
        'webhook-signature': signature,
      },
      body,
      signal: AbortSignal.timeout(WEBHOOK_TIMEOUT_MS),
    });
    await res.arrayBuffer().catch(() => undefined);
    info.webhook = { status: res.status };
  } catch (error) {
    info.webhook = { error: error instanceof Error ? error.message : String(error) };
  }
  return { ...info };
}

/** The caller: a few spoken words and a pause, then DTMF once the assistant has finished its first answer. */
function runCaller(call: ConversationEngine, words: number, dtmf: string, info: SipCallInfo): void {
  const parts = Array.from({ length: words }, (_, i) => synthesizeWord('hello', i));
  const silence = new Int16Array(SAMPLE_RATE); // a second: ends the turn under any VAD setting
  const speech = new Int16Array(parts.reduce((n, p) => n + p.length, 0) + silence.length);
  let at = 0;
  for (const part of parts) {
    speech.set(part, at);
    at += part.length;
  }
  const tap = (event: { type: string }) => {
    if (event.type !== 'output_audio_buffer.stopped' && event.type !== 'response.done') return;
    if (event.type === 'response.done' && call.audioPlaying) return;
    call.taps.delete(tap);
    let index = 0;
    const press = () => {
      if (call.state !== 'open' || index >= dtmf.length) return;
      const key = dtmf[index++]!;
      info.dtmfSent += key;
      call.send({
        type: 'input_audio_buffer.dtmf_event_received',
        event: key,
        received_at: Math.floor(Date.now() / 1000),
      });
      setTimeout(press, 100).unref();
    };
    setTimeout(press, 100).unref();
  };
  call.taps.add(tap);
  // Timing comes from the audio itself (the VAD counts frames), so the caller's audio need not be paced.
  setTimeout(() => {
    for (let i = 0; i + VAD_FRAME_SAMPLES <= speech.length && call.state === 'open'; i += VAD_FRAME_SAMPLES) {
      call.pushInputFrame(speech.subarray(i, i + VAD_FRAME_SAMPLES));
    }
  }, 200).unref();
}

/** `emulator.sip`: rings calls and remembers what became of them (the newest 100). */
export function sipApi(context: EmulatorContext): {
  incoming(options: IncomingSipOptions): Promise<SipCallInfo>;
  get(callId: string): SipCallInfo | undefined;
} {
  return {
    incoming: (options) => {
      for (const old of context.sipCalls.keys()) if (context.sipCalls.size >= 100) context.sipCalls.delete(old);
      return ringSipCall(context, options);
    },
    get: (callId) => {
      const found = context.sipCalls.get(callId);
      return found ? { ...found } : undefined;
    },
  };
}
