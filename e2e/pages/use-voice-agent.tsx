// A custom UI on useVoiceAgent, in StrictMode, recording its callbacks in order for the spec to read. It talks
// to the emulator the dev server runs, found through the key endpoint's answer (no apiBaseUrl here).
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { useVoiceAgent } from 'talkwire';

declare global {
  interface Window {
    voiceAgentCallbacks: string[];
  }
}

const calls: string[] = [];
window.voiceAgentCallbacks = calls;

function App() {
  const { status, agentState, isSpeaking, messages, error, start, stop } = useVoiceAgent({
    clientSecretUrl: '/api/realtime-session',
    onStatusChange: (next) => calls.push(`status:${next}`),
    onConnect: () => calls.push('connect'),
    onDisconnect: () => calls.push('disconnect'),
    onMessage: (message) => calls.push(`message:${message.role}:${message.id}`),
    onError: (failure) => calls.push(`error:${failure.code}`),
  });
  const inCall = status === 'connecting' || status === 'connected' || status === 'reconnecting';
  return (
    <main data-status={status} data-agent-state={agentState} data-speaking={isSpeaking}>
      <button type="button" onClick={() => void (inCall ? stop() : start())}>
        {inCall ? 'Hang up' : 'Talk'}
      </button>
      {error && <p role="alert">{error.message}</p>}
      <ol role="log">
        {messages.map((message) => (
          <li key={message.id} data-role={message.role} data-final={message.final}>
            {message.text}
          </li>
        ))}
      </ol>
    </main>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
