import { createServer, type Server } from 'node:http';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { closeServer, listenLocally } from '../../test/support/localServer.js';
import { ClientSecretError } from './ClientSecretError.js';
import { createClientSecretHandler } from './createClientSecretHandler.js';
import { mintClientSecret } from './mintClientSecret.js';

const API_KEY = 'sk-proj-TESTKEY0123456789abcdefSECRET';
const SECRET = { value: 'ek_kinds', expires_at: 1756310470, session: { id: 'sess_1' } };

/** A real HTTP server on 127.0.0.1 standing in for api.openai.com. */
let upstream: Server;
let base: string;
let seen: Array<{ url: string; body: Record<string, unknown> }> = [];

beforeAll(async () => {
  upstream = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (body += c));
    req.on('end', () => {
      seen.push({ url: req.url ?? '', body: JSON.parse(body) as Record<string, unknown> });
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify(SECRET));
    });
  });
  base = `${await listenLocally(upstream)}/v1`;
});
afterAll(() => closeServer(upstream));
afterEach(() => {
  seen = [];
});

const post = (body?: unknown) =>
  new Request('http://app.test/api/key', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });

const transcription = {
  audio: {
    input: {
      transcription: { model: 'gpt-4o-transcribe', language: 'en' },
      noise_reduction: { type: 'near_field' as const },
      turn_detection: { type: 'server_vad' as const },
    },
  },
  include: ['item.input_audio_transcription.logprobs' as const],
};

describe('client secrets for each kind of session', () => {
  it('mints a realtime key by default, a transcription key and a translation key where each belongs', async () => {
    await mintClientSecret({ apiKey: API_KEY, apiBaseUrl: base, session: { model: 'gpt-realtime' } });
    await mintClientSecret({ apiKey: API_KEY, apiBaseUrl: base, kind: 'transcription', session: transcription });
    await mintClientSecret({
      apiKey: API_KEY,
      apiBaseUrl: base,
      kind: 'translation',
      session: { audio: { output: { language: 'es' } } },
    });
    expect(seen.map((s) => s.url)).toEqual([
      '/v1/realtime/client_secrets',
      '/v1/realtime/client_secrets',
      '/v1/realtime/translations/client_secrets',
    ]);
    expect(seen[0]?.body['session']).toEqual({ type: 'realtime', model: 'gpt-realtime' });
    expect(seen[1]?.body['session']).toEqual({ type: 'transcription', ...transcription });
    expect(seen[2]?.body['session']).toEqual({
      model: 'gpt-realtime-translate',
      audio: { output: { language: 'es' } },
    });
  });

  it('refuses a session config whose type names another kind, before calling OpenAI', async () => {
    const error = await mintClientSecret({
      apiKey: API_KEY,
      apiBaseUrl: base,
      kind: 'transcription',
      session: { type: 'realtime' },
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ClientSecretError);
    expect((error as ClientSecretError).code).toBe('invalid_session_kind');
    expect((error as ClientSecretError).message).not.toContain('TESTKEY');
    await expect(
      mintClientSecret({ apiKey: API_KEY, apiBaseUrl: base, kind: 'conversation' as never }),
    ).rejects.toMatchObject({
      code: 'invalid_session_kind',
    });
    expect(seen).toHaveLength(0);
  });

  it.each(['transcription', 'translation'] as const)('a %s handler mints its kind only', async (kind) => {
    const handler = createClientSecretHandler({ apiKey: API_KEY, apiBaseUrl: base, authorize: 'public', kind });
    expect((await handler(post())).status).toBe(200);
    expect((await handler(post({ session: { type: kind } }))).status).toBe(200);
    expect(seen.map((s) => s.url)).toEqual(
      Array(2).fill(
        kind === 'translation' ? '/v1/realtime/translations/client_secrets' : '/v1/realtime/client_secrets',
      ),
    );
  });

  it.each([
    ['realtime', { session: { type: 'transcription' } }],
    ['realtime', { kind: 'translation' }],
    ['transcription', { session: { type: 'realtime' } }],
    ['transcription', { type: 'translation' }],
    ['translation', { session: { type: 'realtime' } }],
  ] as const)(
    'a %s handler refuses a browser request for another kind (%j), even with overrides allowed',
    async (kind, body) => {
      const handler = createClientSecretHandler({
        apiKey: API_KEY,
        apiBaseUrl: base,
        authorize: 'public',
        kind,
        allowSessionOverrides: (requested) => requested,
      });
      const response = await handler(post(body));
      expect(response.status).toBe(400);
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe('kind_not_allowed');
      expect(seen).toHaveLength(0);
    },
  );

  it('a realtime handler (the default) never mints a transcription key, whatever the body', async () => {
    const handler = createClientSecretHandler({
      apiKey: API_KEY,
      apiBaseUrl: base,
      authorize: 'public',
      allowSessionOverrides: ['audio'],
    });
    expect((await handler(post({ session: { audio: transcription.audio } }))).status).toBe(200);
    expect((seen[0]?.body['session'] as { type: string }).type).toBe('realtime');
  });
});
