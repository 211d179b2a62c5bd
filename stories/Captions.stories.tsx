import type { Meta, StoryObj } from '@storybook/react-vite';
import { useEffect, useState } from 'react';
import {
  CopyCaptionsButton,
  createTranscriptionSession,
  createTranslationSession,
  DownloadCaptionsButton,
  LiveCaptions,
  LiveTranslation,
} from '../src/entries/index.js';
import '../src/react/captions.css';
import { captionLine, diarized, dictation, failed } from './support/captionLine.js';

const transcription = { type: 'transcription', audio: { input: { transcription: { model: 'gpt-4o-transcribe' } } } };

const captionStates = {
  empty: [] as object[],
  interim: dictation('a', null, 'Let me read the first paragraph', false),
  final: [...dictation('a', null, 'Let me read the first paragraph.'), ...dictation('b', 'a', 'Then we vote on it.')],
  diarized: diarized('a', null, [
    ['A', 'Shall we start with the budget?'],
    ['B', 'Yes, the numbers came in this morning.'],
  ]),
  failed: [...dictation('a', null, 'The first point is settled.'), ...failed('b', 'a')],
};

function Captions({ state }: { state: keyof typeof captionStates }) {
  const [session] = useState(() =>
    createTranscriptionSession({
      getClientSecret: async () => 'ek_story',
      transport: captionLine(transcription, captionStates[state]),
    }),
  );
  useEffect(() => {
    void session.connect().catch(() => undefined);
    return () => void session.disconnect();
  }, [session]);
  return (
    <div className="talkwire" style={{ maxWidth: '36rem' }}>
      <LiveCaptions session={session} />
      <div data-talkwire="voice-agent-controls">
        <CopyCaptionsButton session={session} />
        <DownloadCaptionsButton session={session} format="txt" />
        <DownloadCaptionsButton session={session} format="vtt" />
      </div>
    </div>
  );
}

const translationStates = {
  empty: [] as object[],
  active: [
    { type: 'session.input_transcript.delta', delta: 'Good' },
    { type: 'session.output_transcript.delta', delta: 'Buenos' },
    { type: 'session.input_transcript.delta', delta: ' morning, everyone.' },
    { type: 'session.output_transcript.delta', delta: ' días a todos.' },
  ],
  switched: [
    { type: 'session.input_transcript.delta', delta: 'Good morning.' },
    { type: 'session.output_transcript.delta', delta: 'Buenos días.' },
    { type: 'session.updated', session: { type: 'translation', audio: { output: { language: 'fr' } } } },
    { type: 'session.input_transcript.delta', delta: ' Thank you.' },
    { type: 'session.output_transcript.delta', delta: ' Merci.' },
  ],
  closed: [
    { type: 'session.input_transcript.delta', delta: 'That is all.' },
    { type: 'session.output_transcript.delta', delta: 'Eso es todo.' },
    { type: 'session.closed' },
  ],
};

function Translation({ state }: { state: keyof typeof translationStates }) {
  const [session] = useState(() =>
    createTranslationSession({
      getClientSecret: async () => 'ek_story',
      transport: captionLine({ type: 'translation', audio: { output: { language: 'es' } } }, translationStates[state]),
    }),
  );
  useEffect(() => {
    void session.connect().catch(() => undefined);
    return () => void session.disconnect();
  }, [session]);
  return (
    <div className="talkwire" style={{ maxWidth: '40rem' }}>
      <LiveTranslation session={session} />
    </div>
  );
}

const meta = { title: 'Captions' } satisfies Meta;
export default meta;

export const CaptionsEmpty: StoryObj = { render: () => <Captions state="empty" /> };
export const CaptionsInterim: StoryObj = { render: () => <Captions state="interim" /> };
export const CaptionsFinal: StoryObj = { render: () => <Captions state="final" /> };
export const CaptionsDiarized: StoryObj = { render: () => <Captions state="diarized" /> };
export const CaptionsFailed: StoryObj = { render: () => <Captions state="failed" /> };
export const TranslationEmpty: StoryObj = { render: () => <Translation state="empty" /> };
export const TranslationActive: StoryObj = { render: () => <Translation state="active" /> };
export const TranslationLanguageSwitched: StoryObj = { render: () => <Translation state="switched" /> };
export const TranslationClosed: StoryObj = { render: () => <Translation state="closed" /> };
