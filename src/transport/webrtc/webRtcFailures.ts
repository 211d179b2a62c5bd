import { RealtimeError } from '../../core/errors.js';

export { sdpRejectedError } from './sdpRejectedError.js';

const describe = (error: unknown): string => (error instanceof Error ? error.message : String(error));

export const usedTransport = () =>
  new RealtimeError('connection_failed', 'This transport was already used; create a new one to connect again.');

export const notSetUp = (cause: unknown) =>
  new RealtimeError('connection_failed', `The WebRTC connection could not be set up (${describe(cause)}).`, { cause });

export const peerNotCreated = (cause: unknown) =>
  new RealtimeError('connection_failed', `Could not create an RTCPeerConnection (${describe(cause)}).`, { cause });

export const callsUnreachable = (url: string, cause: unknown) =>
  new RealtimeError(
    'connection_failed',
    `Could not reach ${url} to start the call (${describe(cause)}). Check apiBaseUrl and the network.`,
    {
      cause,
    },
  );

export const notSdp = (status: number) =>
  new RealtimeError(
    'connection_failed',
    `The server answered the call offer with something that is not SDP (HTTP ${status}). Check that apiBaseUrl points at the Realtime API.`,
    { status },
  );

export const answerRefused = (cause: unknown) =>
  new RealtimeError('connection_failed', `The server's SDP answer was not accepted (${describe(cause)}).`, { cause });
