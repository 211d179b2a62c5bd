/**
 * `talkwire/core`: everything that runs without React. The Realtime protocol model (event and item types,
 * `parseServerEvent`, beta-to-GA normalisation), the pure reducer, selectors and the per-session store,
 * `RealtimeError`, `createRealtimeSession` with its transport seam (WebRTC built in, any `Transport` pluggable),
 * and the audio helpers (level metering, PCM math, devices). Importing it touches no browser global and no React.
 */
export * from '../core/errors.js';
export * from '../core/protocol/session.js';
export * from '../core/protocol/items.js';
export * from '../core/protocol/events.js';
export { normalizeServerEvent, gaServerEventType } from '../core/protocol/normalizeServerEvent.js';
export { normalizeSessionConfig } from '../core/protocol/normalizeSessionConfig.js';
export {
  parseServerEvent,
  type ParsedServerEvent,
  type ParseFailureReason,
} from '../core/protocol/parseServerEvent.js';

export * from '../core/state/types.js';
export type { KeyedTable } from '../core/state/KeyedTable.js';
export type { ConversationOrder } from '../core/state/conversationOrder.js';
export type { EventLog, EventLogEntry } from '../core/state/EventLog.js';
export { createInitialState } from '../core/state/createInitialState.js';
export { reduceServerEvent } from '../core/state/reduceServerEvent.js';
export { reduceLocalAction, type LocalAction } from '../core/state/reduceLocalAction.js';
export { deriveAgentState } from '../core/state/deriveAgentState.js';
export {
  selectTranscript,
  selectItem,
  selectOrder,
  selectResponse,
  toTranscriptEntry,
} from '../core/state/selectors.js';
export { selectPendingMcpApprovals, type McpApprovalRequest } from '../core/state/selectMcpApprovals.js';
export { selectToolCalls, selectPendingToolCalls } from '../core/state/selectToolCalls.js';
export * from '../core/captions/index.js';
export {
  createRealtimeStore,
  DEFAULT_EVENT_LOG_SIZE,
  type RealtimeStore,
  type RealtimeStoreOptions,
} from '../core/state/store.js';

export { createRealtimeSession } from '../session/createRealtimeSession.js';
export {
  createTranscriptionSession,
  type TranscriptionConfig,
  type TranscriptionSession,
  type TranscriptionSessionOptions,
} from '../session/createTranscriptionSession.js';
export {
  createTranslationSession,
  type TranslationConfig,
  type TranslationSession,
  type TranslationSessionOptions,
} from '../session/createTranslationSession.js';
export * from '../core/metrics/turnTimings.js';
export * from '../core/metrics/callQuality.js';
export {
  createCallMetrics,
  type CallMetrics,
  type CallMetricsOptions,
  type CallMetricsState,
} from '../session/metrics/createCallMetrics.js';
export type {
  AudioOptions,
  RealtimeSession,
  RealtimeSessionOptions,
  SessionEnvironment,
  SessionEventMap,
  SessionEventType,
} from '../session/types.js';
export type {
  SessionAudioEngine,
  SessionAudioEngineOptions,
  CreateSessionAudioEngine,
} from '../session/SessionAudioEngine.js';
export type {
  DecodedImage,
  ImageCodec,
  ImageSource,
  MessageContent,
  MessagePart,
  SendMessageOptions,
} from '../session/images/types.js';
export { captureFrame, type CaptureFrameOptions } from '../session/images/captureFrame.js';
export { DEFAULT_TOOL_TIMEOUT_MS } from '../session/tools/createToolRunner.js';
export type { FunctionTool, ToolCallContext, ToolCallDecision } from '../session/tools/types.js';
export { selectTurnDetectionMode, type TurnDetectionMode } from '../session/turnDetection.js';

export type { Transport, TransportConnectResult, TransportEventMap, TransportStatus } from '../transport/Transport.js';
export {
  createWebRtcTransport,
  DATA_CHANNEL_LABEL,
  type WebRtcTransport,
  type WebRtcTransportEventMap,
  type WebRtcTransportOptions,
} from '../transport/webrtc/createWebRtcTransport.js';

export * from '../audio/index.js';
export {
  subscribeAudioLevel,
  type AudioLevelKind,
  type AudioLevelSource,
  type AudioLevelSubscribeOptions,
} from '../audio/subscribeAudioLevel.js';

export {
  createWebSocketTransport,
  type WebSocketAuth,
  type WebSocketConstructor,
  type WebSocketTransport,
  type WebSocketTransportOptions,
} from '../transport/websocket/createWebSocketTransport.js';
export type { OutputAudioEvent } from '../transport/websocket/createWebSocketAudio.js';
export type { TransportContext, TransportFactory, TransportMedia, TransportOption } from '../transport/Transport.js';
