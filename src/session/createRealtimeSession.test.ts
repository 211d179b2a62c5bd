// Lifecycle logic (supersede, abort, cleanup, error mapping) with an injected environment. The real WebRTC
// path is proven in Chromium against the emulator (e2e); these fakes only record what the session asked for.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { RealtimeError } from '../core/errors.js';
import { createRealtimeSession } from './createRealtimeSession.js';
import type { SessionAudioEngine } from './SessionAudioEngine.js';
import type { RealtimeSessionOptions, SessionEnvironment } from './types.js';

const ANSWER = 'v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n';

class FakeTrack {
  enabled = true;
  readyState: 'live' | 'ended' = 'live';
  stop() {
    this.readyState = 'ended';
  }
  getSettings() {
    return { deviceId: 'mic-1' };
  }
}

class FakeStream {
  readonly tracks = [new FakeTrack()];
  getTracks() {
    return this.tracks;
  }
  getAudioTracks() {
    return this.tracks;
  }
}

class FakeChannel {
  readyState: RTCDataChannelState = 'connecting';
  sent: Array<Record<string, unknown>> = [];
  onopen: (() => void) | null = null;
  onclose: (() => void) | null = null;
  onmessage: ((event: { data: string }) => void) | null = null;
  onerror: (() => void) | null = null;
  constructor(readonly label: string) {}
  send(data: string) {
    if (this.readyState !== 'open') throw new Error('channel not open');
    this.sent.push(JSON.parse(data) as Record<string, unknown>);
  }
  close() {
    this.readyState = 'closed';
  }
  open() {
    this.readyState = 'open';
    this.onopen?.();
  }
  serverSends(event: unknown) {
    this.onmessage?.({ data: typeof event === 'string' ? event : JSON.stringify(event) });
  }
  /** The remote side closed the channel. */
  drop() {
    this.readyState = 'closed';
    this.onclose?.();
  }
}

interface World {
  env: Partial<SessionEnvironment>;
  peers: FakePeer[];
  streams: FakeStream[];
  requests: Array<{ url: string; init: RequestInit | undefined }>;
  engines: Array<{ closed: boolean }>;
  /** Resolve to let getUserMedia answer (when `holdMic` is set). */
  releaseMic: () => void;
  calls: (request: { url: string; init: RequestInit | undefined }) => Response;
  micError: Error | null;
  holdMic: boolean;
  autoOpen: boolean;
}

class FakePeer {
  static world: World;
  channel: FakeChannel | null = null;
  closed = false;
  connectionState: RTCPeerConnectionState = 'new';
  tracks: unknown[] = [];
  localDescription: { type: string; sdp: string } | null = null;
  ontrack: ((event: unknown) => void) | null = null;
  onconnectionstatechange: (() => void) | null = null;
  constructor() {
    FakePeer.world.peers.push(this);
  }
  addTrack(track: unknown) {
    this.tracks.push(track);
    return { replaceTrack: async () => undefined };
  }
  addTransceiver() {
    return {};
  }
  createDataChannel(label: string) {
    expect(this.localDescription).toBeNull(); // the channel must exist before the offer
    this.channel = new FakeChannel(label);
    return this.channel;
  }
  async createOffer() {
    return { type: 'offer', sdp: 'v=0\r\noffer\r\n' };
  }
  async setLocalDescription(description: { type: string; sdp: string }) {
    this.localDescription = description;
  }
  async setRemoteDescription() {
    if (FakePeer.world.autoOpen) setTimeout(() => this.channel?.open(), 0);
  }
  close() {
    this.closed = true;
    this.connectionState = 'closed';
  }
  /** The server's side of the channel, once the session has opened it. */
  get server(): FakeChannel {
    if (!this.channel) throw new Error('no channel');
    return this.channel;
  }
}

/** The URL a `fetch` call asks for. */
function urlOf(input: string | URL | Request): string {
  if (typeof input === 'string') return input;
  return input instanceof URL ? input.href : input.url;
}

function makeWorld(): World {
  let release: () => void = () => undefined;
  const world: World = {
    peers: [],
    streams: [],
    requests: [],
    engines: [],
    releaseMic: () => release(),
    micError: null,
    holdMic: false,
    autoOpen: true,
    calls: () =>
      new Response(ANSWER, {
        status: 201,
        headers: { Location: '/v1/realtime/calls/rtc_test1', 'Content-Type': 'application/sdp' },
      }),
    env: {},
  };
  FakePeer.world = world;
  world.env = {
    isBrowser: true,
    RTCPeerConnection: FakePeer as unknown as typeof RTCPeerConnection,
    fetch: async (input: string | URL | Request, init?: RequestInit) => {
      const url = urlOf(input);
      world.requests.push({ url, init });
      if (url.endsWith('/realtime/calls')) return world.calls({ url, init });
      return Response.json({ value: 'ek_test', expires_at: 1 });
    },
    getUserMedia: async () => {
      if (world.holdMic) await new Promise<void>((resolve) => (release = resolve));
      if (world.micError) throw world.micError;
      const stream = new FakeStream();
      world.streams.push(stream);
      return stream as unknown as MediaStream;
    },
    AudioContext: class {} as unknown as typeof AudioContext,
    createAudioElement: () => {
      const element = {
        srcObject: null as unknown,
        autoplay: false,
        play: async () => undefined,
        pause: () => undefined,
      };
      return element as unknown as HTMLAudioElement;
    },
    createAudioEngine: () => {
      const record = { closed: false };
      world.engines.push(record);
      const engine: SessionAudioEngine = {
        loadWorklet: async () => undefined,
        attachMic: () => undefined,
        attachRemote: () => undefined,
        getInputLevel: () => 0.5,
        getOutputLevel: () => 0.25,
        subscribe: () => () => undefined,
        close: async () => {
          record.closed = true;
        },
      };
      return engine;
    },
  };
  return world;
}

const tick = (ms = 0) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitFor(check: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (check()) return;
    await tick(1);
  }
  throw new Error(`timed out waiting for ${what}`);
}

let world: World;
let unhandled: unknown[];
const onUnhandled = (reason: unknown) => unhandled.push(reason);

beforeEach(() => {
  world = makeWorld();
  unhandled = [];
  process.on('unhandledRejection', onUnhandled);
});

afterEach(async () => {
  await tick(5);
  process.off('unhandledRejection', onUnhandled);
  expect(unhandled).toEqual([]);
});

function session(extra: Partial<RealtimeSessionOptions> = {}) {
  return createRealtimeSession({
    clientSecretUrl: '/api/realtime-session',
    apiBaseUrl: 'http://127.0.0.1:9/v1',
    environment: world.env,
    ...extra,
  });
}

/** Drives the fake server through the start of a session. */
async function serverStarts(peer = 0): Promise<FakePeer> {
  await waitFor(() => world.peers[peer]?.channel?.readyState === 'open', 'the data channel to open');
  const p = world.peers[peer]!;
  p.server.serverSends({ type: 'session.created', event_id: 'e1', session: { type: 'realtime', id: 'sess_1' } });
  return p;
}

describe('createRealtimeSession connect', () => {
  it('follows the GA flow and resolves at session.created', async () => {
    const s = session();
    const statuses: string[] = [];
    s.on('status', (status) => statuses.push(status));
    const connected = s.connect();
    const peer = await serverStarts();
    await connected;

    expect(world.requests.map((r) => r.url)).toEqual(['/api/realtime-session', 'http://127.0.0.1:9/v1/realtime/calls']);
    const offer = world.requests[1]!;
    expect(offer.init?.method).toBe('POST');
    expect(offer.init?.headers).toMatchObject({ Authorization: 'Bearer ek_test', 'Content-Type': 'application/sdp' });
    expect(offer.init?.body).toBe('v=0\r\noffer\r\n');
    expect(peer.channel?.label).toBe('oai-events');
    expect(peer.tracks).toEqual([world.streams[0]!.tracks[0]]);
    expect(s.store.getState().status).toBe('connected');
    expect(s.store.getState().callId).toBe('rtc_test1');
    expect(s.store.getState().mic.permission).toBe('granted');
    expect(statuses).toEqual(['connecting', 'connected']);
    expect(s.getInputLevel()).toBe(0.5);
    await s.disconnect();
  });

  it("unlocks audio inside the user's gesture: the element's play() and the context are asked for before connect() first awaits", async () => {
    const asked: string[] = [];
    const createElement = world.env.createAudioElement!;
    world.env.createAudioElement = () => {
      const element = createElement();
      element.play = () => {
        asked.push(`play with ${element.srcObject === null ? 'no stream yet' : 'a stream'}`);
        return Promise.resolve();
      };
      return element;
    };
    const createEngine = world.env.createAudioEngine!;
    world.env.createAudioEngine = (options) => ({
      ...createEngine(options),
      createContext: () => asked.push('context'),
    });
    const s = session();
    const connected = s.connect();
    // Still synchronous: a browser counts this as inside the click that called connect().
    expect(asked).toEqual(['context', 'play with no stream yet']);
    await serverStarts();
    await connected;
    await s.disconnect();
  });

  it('sends options.session as a GA session.update and resolves only at session.updated', async () => {
    const s = session({ session: { instructions: 'Be brief.' } });
    let resolved = false;
    const connected = s.connect().then(() => (resolved = true));
    const peer = await serverStarts();
    await waitFor(() => peer.server.sent.length === 1, 'session.update');
    const update = peer.server.sent[0]!;
    expect(update).toMatchObject({ type: 'session.update', session: { type: 'realtime', instructions: 'Be brief.' } });
    await tick(5);
    expect(resolved).toBe(false);
    expect(s.store.getState().status).toBe('connecting');
    peer.server.serverSends({
      type: 'session.updated',
      event_id: 'e2',
      session: { type: 'realtime', instructions: 'Be brief.' },
    });
    await connected;
    expect(s.store.getState().status).toBe('connected');
    await s.disconnect();
  });

  it('fails with server_error when the server refuses the connect-time session.update', async () => {
    const s = session({ session: { instructions: 'x' } });
    const connected = s.connect();
    const peer = await serverStarts();
    await waitFor(() => peer.server.sent.length === 1, 'session.update');
    const eventId = peer.server.sent[0]!.event_id;
    peer.server.serverSends({
      type: 'error',
      event_id: 'e3',
      error: {
        type: 'invalid_request_error',
        code: 'invalid_value',
        message: 'Bad voice',
        param: 'session.audio',
        event_id: eventId,
      },
    });
    await expect(connected).rejects.toMatchObject({ code: 'server_error', serverCode: 'invalid_value' });
    expect(s.store.getState().status).toBe('failed');
    expect(peer.closed).toBe(true);
    expect(world.streams[0]!.tracks[0]!.readyState).toBe('ended');
  });

  it('opens exactly one connection for two connect() calls in a row', async () => {
    const s = session();
    const a = s.connect();
    const b = s.connect();
    expect(b).toBe(a);
    await serverStarts();
    await Promise.all([a, b]);
    await s.connect(); // already connected
    expect(world.peers).toHaveLength(1);
    expect(world.requests.filter((r) => r.url.endsWith('/realtime/calls'))).toHaveLength(1);
    await s.disconnect();
  });

  it('accepts the beta { client_secret: { value } } key shape and getClientSecret', async () => {
    const betaFetch = world.env.fetch!;
    world.env.fetch = async (input: string | URL | Request, init?: RequestInit) =>
      urlOf(input).endsWith('/realtime/calls')
        ? betaFetch(input, init)
        : Response.json({ client_secret: { value: 'ek_beta', expires_at: 1 } });
    const s = session();
    const done = s.connect();
    await serverStarts();
    await done;
    await s.disconnect();

    const requests: string[] = [];
    world.env.fetch = async (input: string | URL | Request, init?: RequestInit) => {
      requests.push(String((init?.headers as Record<string, string>).Authorization));
      return betaFetch(input, init);
    };
    const t = createRealtimeSession({ getClientSecret: async () => 'ek_custom', environment: world.env });
    const done2 = t.connect();
    await serverStarts(1);
    await done2;
    expect(requests).toEqual(['Bearer ek_custom']);
    await t.disconnect();
  });
});

describe('disconnect', () => {
  it('mid-connect rejects the pending connect with aborted, releases a late mic grant, reports no error', async () => {
    world.holdMic = true;
    const s = session();
    const errors: RealtimeError[] = [];
    s.on('error', (error) => errors.push(error));
    const pending = s.connect();
    await tick(2);
    await s.disconnect();
    await expect(pending).rejects.toMatchObject({ code: 'aborted' });
    expect(s.store.getState().status).toBe('closed');

    world.releaseMic(); // the user answers the prompt after hanging up
    await waitFor(() => world.streams.length === 1, 'the late stream');
    await tick(2);
    expect(world.streams[0]!.tracks[0]!.readyState).toBe('ended');
    expect(world.peers).toHaveLength(0);
    expect(errors).toEqual([]);
    expect(s.store.getState().lastError).toBeNull();
    expect(world.engines.every((e) => e.closed)).toBe(true);
  });

  it('while waiting for session.created frees channel, peer, tracks and engine; safe twice', async () => {
    const s = session();
    const pending = s.connect();
    await waitFor(() => world.peers[0]?.channel?.readyState === 'open', 'channel');
    await s.disconnect();
    await s.disconnect();
    await expect(pending).rejects.toMatchObject({ code: 'aborted' });
    const peer = world.peers[0]!;
    expect(peer.closed).toBe(true);
    expect(peer.channel?.readyState).toBe('closed');
    expect(world.streams[0]!.tracks[0]!.readyState).toBe('ended');
    expect(world.engines[0]!.closed).toBe(true);
    expect(s.store.getState().status).toBe('closed');

    // The next connect works.
    const statuses: string[] = [];
    s.on('status', (status) => statuses.push(status));
    const again = s.connect();
    await serverStarts(1);
    await again;
    expect(s.store.getState().status).toBe('connected');
    await s.disconnect();
    expect(world.peers[1]!.closed).toBe(true);
    expect(statuses).toEqual(['connecting', 'connected', 'closed']);
  });
});

describe('disconnect from a listener', () => {
  it('during connecting frees the audio engine even though it is created after the cleanup ran', async () => {
    const s = session();
    s.on('status', (status) => {
      if (status === 'connecting') void s.disconnect();
    });
    await expect(s.connect()).rejects.toMatchObject({ code: 'aborted' });
    await tick(2);
    expect(world.engines.every((e) => e.closed)).toBe(true);
    expect(world.streams.every((stream) => stream.tracks.every((t) => t.readyState === 'ended'))).toBe(true);
    expect(world.peers.every((p) => p.closed)).toBe(true);
    expect(s.store.getState().status).toBe('closed');
  });
});

describe('errors', () => {
  async function failure(s: ReturnType<typeof session>): Promise<RealtimeError> {
    const emitted: RealtimeError[] = [];
    s.on('error', (error) => emitted.push(error));
    const error = await s.connect().then(
      () => {
        throw new Error('connect resolved');
      },
      (e: RealtimeError) => e,
    );
    expect(emitted).toEqual([error]);
    const state = s.store.getState();
    expect(state.status).toBe('failed');
    expect(state.lastError).toMatchObject({ source: 'client', code: error.code, message: error.message });
    for (const stream of world.streams) expect(stream.tracks[0]!.readyState).toBe('ended');
    for (const peer of world.peers) expect(peer.closed).toBe(true);
    return error;
  }

  it.each([
    ['NotAllowedError', 'mic_permission_denied', 'denied'],
    ['SecurityError', 'mic_permission_denied', 'denied'],
    ['NotFoundError', 'mic_unavailable', 'unavailable'],
    ['NotReadableError', 'mic_unavailable', 'unavailable'],
    ['OverconstrainedError', 'mic_unavailable', 'unavailable'],
  ])('getUserMedia %s -> %s', async (name, code, permission) => {
    world.micError = Object.assign(new Error('mic'), { name });
    const s = session();
    const error = await failure(s);
    expect(error.code).toBe(code);
    expect(s.store.getState().mic.permission).toBe(permission);
    expect(world.peers).toHaveLength(0);
  });

  it('no mediaDevices -> mic_unavailable saying to use https', async () => {
    const s = createRealtimeSession({
      clientSecretUrl: '/k',
      environment: { ...world.env, getUserMedia: undefined as never },
    });
    // An explicit undefined falls back to the (absent in Node) global.
    const error = await failure(s);
    expect(error.code).toBe('mic_unavailable');
    expect(error.message).toContain('https');
  });

  it('key endpoint HTTP error -> client_secret_failed with status and message', async () => {
    world.env.fetch = async () =>
      Response.json(
        { error: { message: 'No OpenAI API key on the server', code: 'missing_api_key' } },
        { status: 500 },
      );
    const error = await failure(session());
    expect(error).toMatchObject({ code: 'client_secret_failed', status: 500, serverCode: 'missing_api_key' });
    expect(error.message).toContain('No OpenAI API key on the server');
  });

  it('key endpoint unreachable -> client_secret_failed', async () => {
    world.env.fetch = async () => {
      throw new TypeError('Failed to fetch');
    };
    const error = await failure(session());
    expect(error.code).toBe('client_secret_failed');
    expect(error.message).toContain('Failed to fetch');
  });

  it('a standard key in the browser -> api_key_in_browser, unless allowed', async () => {
    const error = await failure(
      session({ clientSecretUrl: undefined as never, getClientSecret: async () => 'sk-proj-123' }),
    );
    expect(error.code).toBe('api_key_in_browser');
    expect(world.peers).toHaveLength(0);

    const allowed = session({ getClientSecret: async () => 'sk-proj-123', dangerouslyAllowApiKeyInBrowser: true });
    const done = allowed.connect();
    await serverStarts();
    await done;
    await allowed.disconnect();
  });

  it('SDP answer 401 -> sdp_rejected with OpenAI’s message, mic freed', async () => {
    world.calls = () =>
      Response.json(
        { error: { message: 'Ephemeral token expired', type: 'invalid_request_error', code: 'token_expired' } },
        { status: 401 },
      );
    const error = await failure(session());
    expect(error).toMatchObject({ code: 'sdp_rejected', status: 401, serverCode: 'token_expired' });
    expect(error.message).toContain('Ephemeral token expired');
  });

  it('an answer that is not SDP -> connection_failed', async () => {
    world.calls = () => new Response('<html>proxy</html>', { status: 200 });
    expect((await failure(session())).code).toBe('connection_failed');
  });

  it('ICE failure during connect -> connection_failed', async () => {
    world.autoOpen = false;
    const s = session();
    const emitted: RealtimeError[] = [];
    s.on('error', (error) => emitted.push(error));
    const pending = s.connect();
    await waitFor(() => world.peers[0]?.localDescription !== null && world.requests.length === 2, 'offer');
    await tick(2);
    const peer = world.peers[0]!;
    peer.connectionState = 'failed';
    peer.onconnectionstatechange?.();
    await expect(pending).rejects.toMatchObject({ code: 'connection_failed' });
    expect(peer.closed).toBe(true);
    expect(emitted.map((e) => e.code)).toEqual(['connection_failed']);
  });

  it('no session.created in time -> connect_timeout', async () => {
    const error = await failure(session({ connectTimeoutMs: 30 }));
    expect(error.code).toBe('connect_timeout');
  });

  it('the data channel closing while connected -> failed with data_channel_closed', async () => {
    const s = session();
    const errors: RealtimeError[] = [];
    s.on('error', (error) => errors.push(error));
    const done = s.connect();
    const peer = await serverStarts();
    await done;
    peer.server.drop();
    expect(s.store.getState().status).toBe('failed');
    expect(s.store.getState().lastError?.code).toBe('data_channel_closed');
    expect(errors.map((e) => e.code)).toEqual(['data_channel_closed']);
    expect(peer.closed).toBe(true);
    expect(world.streams[0]!.tracks[0]!.readyState).toBe('ended');
    expect(() => s.sendText('hi')).toThrow(expect.objectContaining({ code: 'not_connected' }));
  });

  it('fire-and-forget connect() that fails causes no unhandled rejection (checked in afterEach)', async () => {
    world.micError = Object.assign(new Error('denied'), { name: 'NotAllowedError' });
    const s = session();
    void s.connect();
    await waitFor(() => s.store.getState().status === 'failed', 'failure');
  });
});

describe('talking', () => {
  async function connected() {
    const s = session();
    const done = s.connect();
    const peer = await serverStarts();
    await done;
    return { s, peer };
  }

  it('send() logs and emits client events; malformed server events become warnings', async () => {
    const { s, peer } = await connected();
    // A default call says it runs over WebRTC.
    expect(s.store.getState().transport).toEqual({ kind: 'webrtc', fallback: null });
    const client: string[] = [];
    const server: string[] = [];
    const warnings: string[] = [];
    s.on('client_event', (e) => client.push(e.type));
    s.on('server_event', (e) => server.push(e.type));
    s.on('warning', (w) => warnings.push(w.code));
    s.sendText('Hello');
    expect(peer.server.sent.map((e) => e.type)).toEqual(['conversation.item.create']);
    // The response is requested through the response queue, whose code loads on first use.
    await vi.waitFor(
      () => expect(peer.server.sent.map((e) => e.type)).toEqual(['conversation.item.create', 'response.create']),
      { timeout: 5_000 },
    );
    expect(peer.server.sent[0]).toEqual({
      type: 'conversation.item.create',
      item: { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'Hello' }] },
    });
    expect(client).toEqual(['conversation.item.create', 'response.create']);
    peer.server.serverSends('{not json');
    peer.server.serverSends({
      type: 'input_audio_buffer.speech_started',
      event_id: 'e9',
      audio_start_ms: 1,
      item_id: 'i1',
    });
    expect(warnings).toEqual(['protocol_error']);
    expect(server).toEqual(['input_audio_buffer.speech_started']);
    expect(s.store.eventLog.size).toBeGreaterThanOrEqual(4);
    await s.disconnect();
  });

  it('interrupt() cancels only an active response, then clears the output buffer', async () => {
    const { s, peer } = await connected();
    s.interrupt();
    expect(peer.server.sent).toEqual([]);
    peer.server.serverSends({
      type: 'response.created',
      event_id: 'e4',
      response: { id: 'resp_1', object: 'realtime.response', status: 'in_progress', output: [] },
    });
    expect(s.store.getState().activeResponseId).toBe('resp_1');
    s.interrupt();
    expect(peer.server.sent.map((e) => e.type)).toEqual(['response.cancel', 'output_audio_buffer.clear']);
    await s.disconnect();
  });

  it('setMuted() disables the track without renegotiating; updateSession() adds type realtime', async () => {
    const { s, peer } = await connected();
    s.setMuted(true);
    expect(world.streams[0]!.tracks[0]!.enabled).toBe(false);
    expect(s.store.getState().mic.muted).toBe(true);
    s.setMuted(false);
    expect(world.streams[0]!.tracks[0]!.enabled).toBe(true);
    s.updateSession({ instructions: 'Shorter.' });
    expect(peer.server.sent.at(-1)).toEqual({
      type: 'session.update',
      session: { instructions: 'Shorter.', type: 'realtime' },
    });
    expect(world.requests.filter((r) => r.url.endsWith('/realtime/calls'))).toHaveLength(1);
    await s.disconnect();
  });

  it('a server error event is emitted as server_error and keeps the call up', async () => {
    const { s, peer } = await connected();
    const errors: RealtimeError[] = [];
    s.on('error', (e) => errors.push(e));
    peer.server.serverSends({
      type: 'error',
      event_id: 'e5',
      error: { type: 'invalid_request_error', code: 'invalid_value', message: "Invalid value: 'x'." },
    });
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ code: 'server_error', serverCode: 'invalid_value' });
    expect(s.store.getState().status).toBe('connected');
    await s.disconnect();
  });

  it('races between a request and a response (already active, cancel not active) are not errors', async () => {
    const { s, peer } = await connected();
    const errors: RealtimeError[] = [];
    s.on('error', (e) => errors.push(e));
    for (const code of ['response_cancel_not_active', 'conversation_already_has_active_response']) {
      peer.server.serverSends({
        type: 'error',
        event_id: `e_${code}`,
        error: { type: 'invalid_request_error', code, message: code },
      });
    }
    expect(errors).toEqual([]);
    expect(s.store.getState().lastError).toBeNull();
    await s.disconnect();
  });

  it('send() before connect throws not_connected; nothing touches globals at creation', () => {
    const spy = vi.spyOn(globalThis, 'fetch');
    const s = createRealtimeSession({ clientSecretUrl: '/k' });
    expect(() => s.send({ type: 'response.create' })).toThrow(expect.objectContaining({ code: 'not_connected' }));
    expect(s.getInputLevel()).toBe(0);
    expect(spy).not.toHaveBeenCalled();
  });
});

describe('metering', () => {
  /** An engine whose worklet loads only when the test says so. */
  function heldWorkletEngine() {
    const held = {
      attached: [] as unknown[],
      muted: [] as boolean[],
      closed: false,
      load: () => undefined as void,
      contexts: 0,
      loads: 0,
    };
    world.env.createAudioEngine = () => ({
      createContext: () => void held.contexts++,
      loadWorklet: () => {
        held.loads++;
        return new Promise<void>((resolve) => (held.load = resolve));
      },
      attachMic: (stream: MediaStream) => void held.attached.push(stream),
      attachRemote: () => undefined,
      getInputLevel: () => 0,
      getOutputLevel: () => 0,
      subscribe: () => () => undefined,
      setMuted: (muted: boolean) => void held.muted.push(muted),
      close: async () => {
        held.closed = true;
      },
    });
    return held;
  }

  it('the offer and the call do not wait for the meter worklet; the mic is metered once it loads', async () => {
    const held = heldWorkletEngine();
    const s = session();
    s.setMuted(true);
    const connected = s.connect();
    await serverStarts();
    await connected;
    expect(world.requests.map((r) => r.url)).toContain('http://127.0.0.1:9/v1/realtime/calls');
    expect(held.attached).toEqual([]);

    held.load();
    await waitFor(() => held.attached.length === 1, 'the mic to be metered');
    expect(held.attached[0]).toBe(world.streams[0]);
    expect(held.muted).toEqual([true]);
    await s.disconnect();
    expect(held.closed).toBe(true);
  });

  it('the context is made inside connect() (the user gesture); the worklet loads only once the answer is in', async () => {
    const held = heldWorkletEngine();
    const calls = world.calls;
    let loadsAtOffer = -1;
    world.calls = (request) => {
      loadsAtOffer = held.loads;
      return calls(request);
    };
    const s = session();
    const connected = s.connect();
    expect(held.contexts).toBe(1);
    await serverStarts();
    await connected;
    expect(loadsAtOffer).toBe(0);
    expect(held.loads).toBe(1);
    await s.disconnect();
  });

  it('a worklet that loads after disconnect attaches nothing', async () => {
    const held = heldWorkletEngine();
    const s = session();
    const connected = s.connect();
    await serverStarts();
    await connected;
    await s.disconnect();
    expect(held.closed).toBe(true);

    held.load();
    await tick(2);
    expect(held.attached).toEqual([]);
  });
});
