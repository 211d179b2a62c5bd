// src/App.tsx
import { VoiceAgent } from 'talkwire';
import 'talkwire/styles.css';

export function App() {
  return (
    <VoiceAgent
      clientSecretUrl="/api/realtime-session"
      apiBaseUrl={import.meta.env.VITE_TALKWIRE_API_BASE_URL}
      instructions="You are a friendly assistant. Keep answers short."
      voice="marin"
    />
  );
}
