import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * Adapts a Web-standard handler to Node's `http.createServer`:
 * `http.createServer(toNodeListener(createClientSecretHandler({ authorize }))).listen(3000)`.
 *
 * A request with an invalid `Host` gets 400 before the handler runs. When the handler answers without reading
 * the whole body (413, 408, a refusal), the rest of the body is drained for at most `LINGER_MS` so the client
 * can read the answer, then the connection is closed.
 */
export function toNodeListener(
  handler: (request: Request) => Promise<Response>,
): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    void respond(handler, req, res).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain' });
      res.end(error instanceof Error ? 'Internal error' : '');
    });
  };
}

// A name or IPv4 address, or a bracketed IPv6 address, with an optional port: nothing else is a Host.
const HOST =
  /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\.?|\[[0-9A-Fa-f:.]+\])(?::(\d{1,5}))?$/;
const LINGER_MS = 2000;

async function respond(
  handler: (request: Request) => Promise<Response>,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const host = req.headers.host ?? 'localhost';
  const target = req.url ?? '/';
  const url = requestUrl(host, target);
  if (url === null) {
    send(req, res, 400, {
      error: {
        message: 'Invalid Host header or request target; send a host name and an absolute path.',
        code: 'invalid_request',
      },
    });
    return;
  }
  const controller = new AbortController();
  res.on('close', () => {
    if (!res.writableFinished) controller.abort();
  });
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) for (const v of value) headers.append(name, v);
    else headers.set(name, value);
  }
  const hasBody = req.method !== 'GET' && req.method !== 'HEAD';
  const init: RequestInit & { duplex?: 'half' } = { method: req.method ?? 'GET', headers, signal: controller.signal };
  if (hasBody) {
    init.body = streamOf(req);
    init.duplex = 'half';
  }
  const response = await handler(new Request(url, init));
  if (res.destroyed) return;
  const out: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    out[name] = value;
  });
  const body = new Uint8Array(await response.arrayBuffer());
  lingerIfUnread(req, res);
  res.writeHead(response.status, out);
  res.end(body);
}

function requestUrl(host: string, target: string): URL | null {
  const match = HOST.exec(host);
  if (!match || (match[1] !== undefined && Number(match[1]) > 65535)) return null;
  // Origin-form only: an absolute-form target (`POST http://other/...`) would make the Request claim another host.
  if (!target.startsWith('/') || target.startsWith('//')) return null;
  try {
    return new URL(target, `http://${host}`);
  } catch {
    return null;
  }
}

function send(req: IncomingMessage, res: ServerResponse, status: number, payload: unknown): void {
  lingerIfUnread(req, res);
  res.writeHead(status, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
  res.end(JSON.stringify(payload));
}

/**
 * An unread body is drained (discarded) after the answer, not cut off: closing a socket with unread input
 * sends a reset, and the client may lose the answer with it. A body still coming after `LINGER_MS` (a flood, a
 * trickle) ends the connection.
 */
function lingerIfUnread(req: IncomingMessage, res: ServerResponse): void {
  if (req.complete) return;
  res.once('finish', () => {
    if (req.complete) return;
    const timer = setTimeout(() => req.socket.destroy(), LINGER_MS);
    timer.unref?.();
    req.once('end', () => clearTimeout(timer));
    req.once('close', () => clearTimeout(timer));
    req.resume();
  });
}

// Built by hand rather than with `Readable.toWeb` so this file imports nothing from Node at run time. The
// request is paused whenever the stream is full, so a body nobody reads is never buffered whole.
function streamOf(req: IncomingMessage): ReadableStream<Uint8Array> {
  let open = true;
  return new ReadableStream<Uint8Array>({
    start(controller) {
      req.on('data', (chunk: Uint8Array) => {
        if (!open) return;
        controller.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
        if ((controller.desiredSize ?? 0) <= 0) req.pause();
      });
      req.on('end', () => {
        if (open) controller.close();
        open = false;
      });
      req.on('error', (error) => {
        if (open) controller.error(error);
        open = false;
      });
    },
    pull() {
      req.resume();
    },
    cancel() {
      // Not destroyed here: the handler still answers (413, 408), and lingerIfUnread closes after that.
      open = false;
      req.pause();
    },
  });
}
