// src/App.tsx
import { VoiceAgent } from 'talkwire';
import 'talkwire/styles.css';

export default function App() {
  return (
    <VoiceAgent
      clientSecretUrl="/api/realtime-session"
      instructions="You are a friendly assistant. Keep answers short."
      voice="marin"
    />
  );
}
