import type { Meta, StoryObj } from '@storybook/react-vite';
import { useEffect, useState } from 'react';
import {
  CopyCaptionsButton,
  DownloadCaptionsButton,
  LiveCaptions,
  LiveTranslation,
  useTranscription,
  useTranslation,
} from '../src/entries/index.js';
import '../src/react/captions.css';
import { PLAYGROUND_CONFIG_URL } from './support/playgroundEndpoints.js';

/**
 * Live captions and live translation over real WebRTC: the Storybook dev server mints transcription keys at
 * /api/transcription-session and translation keys at /api/translation-session, from the local emulator (or
 * OpenAI when OPENAI_API_KEY is set there).
 */
function usePlaygroundBase(): { apiBaseUrl?: string } | { error: string } | null {
  const [config, setConfig] = useState<{ apiBaseUrl?: string } | { error: string } | null>(null);
  useEffect(() => {
    let current = true;
    fetch(PLAYGROUND_CONFIG_URL)
      .then(async (response) => {
        if (!response.ok) throw new Error(`${PLAYGROUND_CONFIG_URL} answered ${response.status}`);
        return (await response.json()) as { apiBaseUrl?: string };
      })
      .then(
        (value) => current && setConfig(value),
        (error: unknown) =>
          current && setConfig({ error: `${(error as Error).message}. Start Storybook with npm start.` }),
      );
    return () => {
      current = false;
    };
  }, []);
  return config;
}

function Live({ mode }: { mode: 'captions' | 'translation' }) {
  const config = usePlaygroundBase();
  if (config === null) return <p>Loading playground configuration…</p>;
  if ('error' in config) return <p role="alert">{config.error}</p>;
  return mode === 'captions' ? (
    <LiveCaptionsMode apiBaseUrl={config.apiBaseUrl} />
  ) : (
    <LiveTranslationMode apiBaseUrl={config.apiBaseUrl} />
  );
}

function LiveCaptionsMode({ apiBaseUrl }: { apiBaseUrl: string | undefined }) {
  const { session, status, start, stop, error } = useTranscription({
    clientSecretUrl: '/api/transcription-session',
    ...(apiBaseUrl ? { apiBaseUrl } : {}),
  });
  return (
    <div className="talkwire" style={{ maxWidth: '36rem' }}>
      <button type="button" onClick={status === 'connected' ? stop : start}>
        {status === 'connected' ? 'Stop captions' : 'Start captions'}
      </button>
      {error ? <p role="alert">{error.message}</p> : null}
      <LiveCaptions session={session} />
      <div data-talkwire="voice-agent-controls">
        <CopyCaptionsButton session={session} />
        <DownloadCaptionsButton session={session} format="vtt" />
      </div>
    </div>
  );
}

function LiveTranslationMode({ apiBaseUrl }: { apiBaseUrl: string | undefined }) {
  const { session, status, start, stop, setOutputLanguage, error } = useTranslation({
    clientSecretUrl: '/api/translation-session',
    ...(apiBaseUrl ? { apiBaseUrl } : {}),
  });
  return (
    <div className="talkwire" style={{ maxWidth: '40rem' }}>
      <button type="button" onClick={status === 'connected' ? stop : start}>
        {status === 'connected' ? 'Stop' : 'Start translating'}
      </button>
      <label>
        Output language{' '}
        <select onChange={(event) => setOutputLanguage(event.target.value)} defaultValue="es">
          <option value="es">Español</option>
          <option value="fr">Français</option>
          <option value="de">Deutsch</option>
        </select>
      </label>
      {error ? <p role="alert">{error.message}</p> : null}
      <LiveTranslation session={session} />
    </div>
  );
}

const meta = { title: 'Playground/Captions and translation', parameters: { layout: 'padded' } } satisfies Meta;
export default meta;

export const LiveCaptionsPlayground: StoryObj = { render: () => <Live mode="captions" /> };
export const LiveTranslationPlayground: StoryObj = { render: () => <Live mode="translation" /> };
