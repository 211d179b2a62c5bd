/**
 * `talkwire/testing/scripted`: `createScriptedTransport`, an in-memory transport that plays a scripted Realtime
 * server for `createRealtimeSession({ transport })`. Browser-safe (no Node module), so UI tests run it in jsdom,
 * Storybook or a real browser with no network, no WebRTC and no emulator. Also re-exported by `talkwire/testing`.
 */
export {
  createScriptedTransport,
  type ScriptedReply,
  type ScriptedTransport,
  type ScriptedTransportOptions,
} from '../testing/scripted/createScriptedTransport.js';
