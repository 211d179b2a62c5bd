// What each deprecated spelling says, loaded with its first warning: an app that uses none never downloads them.
export const deprecations = {
  'voice-agent-session':
    '<VoiceAgent session={instance}> is deprecated: pass the instance as realtimeSession={...}; session is the GA config.',
  'voice-agent-config': '<VoiceAgent config={...}> is deprecated: pass the GA config as session={...}.',
  'provider-session':
    '<RealtimeSessionProvider session={...}> is deprecated: pass the session as realtimeSession={...}.',
};

export type Deprecation = keyof typeof deprecations;
