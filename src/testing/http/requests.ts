import type { IncomingMessage, ServerResponse } from 'node:http';
import { newHexId } from '../ids.js';
import { openAiError } from '../openAiError.js';
import type { OpenAiErrorBody } from '../openAiError.js';

export const MAX_BODY_BYTES = 1 << 20;
/** A body that has not fully arrived by then (a trickle) is refused, not waited for. */
const BODY_TIMEOUT_MS = 10_000;
/** After refusing a body the connection closes; until then the rest is read and dropped so the client sees the answer. */
const CLOSE_AFTER_REFUSAL_MS = 2_000;

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: OpenAiErrorBody,
    /** The request was not read to its end: answer, then close the connection. */
    readonly closeConnection = false,
  ) {
    super(body.message);
  }
}

function tooLarge(): HttpError {
  return new HttpError(
    413,
    openAiError(`Request body too large (limit ${MAX_BODY_BYTES / 1024 / 1024} MiB).`, 'request_too_large'),
    true,
  );
}

/** Reads a request body, bounded in size (413) and time (408), chunked or not. */
export function readBody(req: IncomingMessage): Promise<Buffer> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > MAX_BODY_BYTES) return Promise.reject(tooLarge());
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const finish = (error: Error | null, body?: Buffer) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      req.off('data', onData);
      if (error) reject(error);
      else resolve(body!);
    };
    const timer = setTimeout(
      () =>
        finish(
          new HttpError(
            408,
            openAiError(`The request body did not arrive within ${BODY_TIMEOUT_MS / 1000} s.`, 'request_timeout'),
            true,
          ),
        ),
      BODY_TIMEOUT_MS,
    );
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) return finish(tooLarge());
      chunks.push(chunk);
    };
    req.on('data', onData);
    req.once('end', () => finish(null, Buffer.concat(chunks)));
    req.once('error', (error) => finish(error));
  });
}

export function parseJson(body: Buffer): unknown {
  if (body.length === 0) return {};
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    throw new HttpError(
      400,
      openAiError(
        "We could not parse the JSON body of your request. (HINT: This likely means you aren't using your HTTP library correctly. The OpenAI API expects a JSON payload, but what was sent was not valid JSON.)",
        null,
      ),
    );
  }
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.statusCode = status;
  res.setHeader('Content-Type', 'application/json');
  res.setHeader('x-request-id', newHexId('req', 12));
  res.end(JSON.stringify(body));
}

/** Answers a refused request and closes its connection once the answer is out (the rest of the body is dropped). */
export function sendRefusal(req: IncomingMessage, res: ServerResponse, error: HttpError): void {
  if (error.closeConnection) {
    res.setHeader('Connection', 'close');
    req.resume();
    res.once('finish', () => setTimeout(() => req.socket.destroy(), CLOSE_AFTER_REFUSAL_MS).unref());
  }
  sendJson(res, error.status, { error: error.body });
}

export function bearer(req: IncomingMessage): string | null {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
  return match?.[1] ?? null;
}

/** Minimal multipart/form-data reader for the unified `/realtime/calls` variant (parts `sdp` and `session`). */
export function parseMultipart(body: Buffer, contentType: string): Map<string, string> {
  const boundary = /boundary="?([^";]+)"?/i.exec(contentType)?.[1];
  const parts = new Map<string, string>();
  if (!boundary) return parts;
  const text = body.toString('utf8');
  for (const chunk of text.split(`--${boundary}`)) {
    const split = chunk.indexOf('\r\n\r\n');
    if (split < 0) continue;
    const headers = chunk.slice(0, split);
    const name = /name="([^"]+)"/i.exec(headers)?.[1];
    if (!name) continue;
    parts.set(name, chunk.slice(split + 4).replace(/\r\n$/, ''));
  }
  return parts;
}
