import type { SessionFeatures } from './createSessionFeatures.js';

type FeatureApi = Pick<
  SessionFeatures,
  | 'requestResponse'
  | 'setTurnDetection'
  | 'turnDetection'
  | 'startTalking'
  | 'stopTalking'
  | 'approveToolCall'
  | 'rejectToolCall'
  | 'getToolCalls'
  | 'subscribeToolCalls'
  | 'respondToMcpApproval'
>;

/** The session methods that are the conversation features' own (tools, response queue, push-to-talk, MCP). */
export function featureMethods(features: FeatureApi) {
  return {
    requestResponse: (params?: Parameters<FeatureApi['requestResponse']>[0]) => features.requestResponse(params),
    setTurnDetection: features.setTurnDetection,
    getTurnDetection: features.turnDetection,
    startTalking: features.startTalking,
    stopTalking: features.stopTalking,
    approveToolCall: features.approveToolCall,
    rejectToolCall: features.rejectToolCall,
    getToolCalls: features.getToolCalls,
    subscribeToolCalls: features.subscribeToolCalls,
    respondToMcpApproval: features.respondToMcpApproval,
  };
}
