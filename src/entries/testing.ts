/**
 * `talkwire/testing` (Node 20+): the local Realtime emulator (`startRealtimeEmulator`, its CLI and the Vite dev
 * server plugin `realtimeDevServer`) that speaks OpenAI's protocol over real WebRTC and WebSocket, and the scenario DSL that
 * scripts it.
 */
export { startRealtimeEmulator } from '../testing/startRealtimeEmulator.js';
export type {
  EmulatedCallInfo,
  EmulatorCalls,
  EmulatorStats,
  RealtimeEmulator,
  RealtimeEmulatorOptions,
  RecordedClientEvent,
} from '../testing/startRealtimeEmulator.js';
export { scenario, Scenario, toScenario, DEFAULT_FALLBACK, DEFAULT_HEARD } from '../testing/scenario.js';
export type { AssistantStep, ScenarioData } from '../testing/scenario.js';
export { toFault } from '../testing/faults.js';
export type { ChannelTrigger, Fault, FaultTarget, HttpEndpoint } from '../testing/faults.js';
export { toConditions, NO_CONDITIONS, type NetworkConditions } from '../testing/conditions.js';
export type { CallLogger, ConversationItem } from '../testing/engine/types.js';
export type { OpenAiErrorBody } from '../testing/openAiError.js';
export type { SessionConfig } from '../testing/sessionConfig.js';
export { runEmulatorCli } from '../testing/cli.js';
export { realtimeDevServer } from '../testing/realtimeDevServer.js';
export type { RealtimeDevServerConfig, RealtimeDevServerOptions } from '../testing/realtimeDevServer.js';
export * from './scripted.js';
