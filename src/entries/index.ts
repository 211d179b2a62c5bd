'use client';
/**
 * `talkwire`: React hooks, headless primitives and the `<VoiceAgent/>` prefab, plus everything from
 * `talkwire/core` (so one import serves a React app). Importing it on a server touches no browser global.
 */
export * from './core.js';

export { RealtimeSessionProvider, type RealtimeSessionProviderProps } from '../react/RealtimeSessionProvider.js';
export { useRealtimeSession } from '../react/useRealtimeSession.js';
export {
  useRealtimeSessionContext,
  useMaybeRealtimeSession,
  useEnsureRealtimeSession,
} from '../react/useRealtimeSessionContext.js';
export { useSessionState } from '../react/useSessionState.js';
export { useConnectionStatus } from '../react/useConnectionStatus.js';
export { useAgentState } from '../react/useAgentState.js';
export { useTranscript } from '../react/useTranscript.js';
export { useTranscriptEntry } from '../react/useTranscriptEntry.js';
export { useTranscriptIds } from '../react/useTranscriptIds.js';
export {
  useVoiceAgent,
  type VoiceAgentCallbacks,
  type VoiceAgentControls,
  type VoiceAgentHookOptions,
} from '../react/useVoiceAgent.js';
export { useMicrophone, type MicrophoneControls, type MicrophoneOptions } from '../react/useMicrophone.js';
export { useAudioInputDevices, type AudioInputDevicesOptions } from '../react/useAudioInputDevices.js';
export { useAudioLevel, type AudioLevel, type AudioLevelOptions } from '../react/useAudioLevel.js';
export { useRealtimeEvent } from '../react/useRealtimeEvent.js';
export { useSessionError, type SessionErrorControls } from '../react/useSessionError.js';
export { defaultLabels, mergeLabels, type VoiceAgentLabels, type PartialLabels } from '../react/labels.js';

export { TalkButton, talkButtonConnects, type TalkButtonProps } from '../react/primitives/TalkButton.js';
export { MuteButton, type MuteButtonProps } from '../react/primitives/MuteButton.js';
export { InterruptButton, type InterruptButtonProps } from '../react/primitives/InterruptButton.js';
export { LevelMeter, type LevelMeterProps } from '../react/primitives/LevelMeter.js';
export {
  Transcript,
  TranscriptRow,
  defaultTranscriptFilter,
  type TranscriptProps,
  type TranscriptLabels,
} from '../react/primitives/Transcript.js';
export { AgentStatus, type AgentStatusProps } from '../react/primitives/AgentStatus.js';
export { DeviceSelect, type DeviceSelectProps } from '../react/primitives/DeviceSelect.js';
export { ErrorBanner, errorMessage, type ErrorBannerProps } from '../react/primitives/ErrorBanner.js';
export { RetryButton, type RetryButtonProps } from '../react/primitives/RetryButton.js';
export { ResumeAudioButton, type ResumeAudioButtonProps } from '../react/primitives/ResumeAudioButton.js';

export { VoiceAgent, type VoiceAgentProps } from '../react/prefabs/VoiceAgent.js';
export type { VoiceAgentViewProps, VoiceAgentLayout, VoiceAgentCorner } from '../react/prefabs/VoiceAgentBody.js';
export type { VoiceAgentViewCallbacks } from '../react/prefabs/useVoiceAgentCallbacks.js';
export { AgentVisualizer, type AgentVisualizerProps } from '../react/primitives/AgentVisualizer.js';
export type { AgentVisualizerVariant, VisualizerState } from '../react/primitives/visualizer/types.js';

export { useUsage } from '../react/useUsage.js';
export { useRateLimits } from '../react/useRateLimits.js';
export { useTurnMetrics, type TurnMetrics } from '../react/useTurnMetrics.js';
export { useCallQuality, type CallQuality } from '../react/useCallQuality.js';
export { CallStats, type CallStatsProps } from '../react/prefabs/CallStats.js';
export { CallQualityHint, type CallQualityHintProps } from '../react/prefabs/CallQualityHint.js';
export {
  useToolCalls,
  useToolCall,
  type ToolCallControls,
  type ToolCallPromptControls,
} from '../react/useToolCalls.js';
export { useMcpApproval, type McpApprovalControls } from '../react/useMcpApproval.js';
export { usePushToTalk, type PushToTalkOptions, type PushToTalkControls } from '../react/usePushToTalk.js';
export { PushToTalkButton, type PushToTalkButtonProps } from '../react/primitives/PushToTalkButton.js';
export { TextInput, type TextInputProps } from '../react/primitives/TextInput.js';
export { ImageAttachButton, type ImageAttachButtonProps } from '../react/primitives/ImageAttachButton.js';
export {
  McpApprovalPrompt,
  type McpApprovalPromptProps,
  type McpApprovalPromptLabels,
} from '../react/primitives/McpApprovalPrompt.js';
export { ToolCallList, type ToolCallListProps } from '../react/primitives/ToolCallList.js';
export { useTranscription, useCaptions, type TranscriptionControls } from '../react/useTranscription.js';
export { LiveCaptions, type LiveCaptionsProps, type LiveCaptionsLabels } from '../react/primitives/LiveCaptions.js';
export {
  CopyCaptionsButton,
  DownloadCaptionsButton,
  type CopyCaptionsButtonProps,
  type DownloadCaptionsButtonProps,
} from '../react/primitives/CaptionsExport.js';
export { useTranslation, useTranslationState, type TranslationControls } from '../react/useTranslation.js';
export {
  LiveTranslation,
  type LiveTranslationProps,
  type LiveTranslationLabels,
} from '../react/primitives/LiveTranslation.js';
