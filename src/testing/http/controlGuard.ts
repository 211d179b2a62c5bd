import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

/** `host` or `host:port` from a Host header, lowercased; null when it does not parse. */
function hostname(hostHeader: string): string | null {
  try {
    return new URL(`http://${hostHeader}`).hostname.toLowerCase();
  } catch {
    return null;
  }
}

export function isLoopbackHost(hostHeader: string | undefined): boolean {
  if (!hostHeader) return false;
  const name = hostname(hostHeader);
  return name !== null && LOOPBACK_HOSTS.has(name);
}

/** A page on this machine (any loopback origin), or a request from no page at all. */
export function isLoopbackOrigin(origin: string | undefined): boolean {
  if (origin === undefined) return true;
  try {
    const url = new URL(origin);
    return (url.protocol === 'http:' || url.protocol === 'https:') && LOOPBACK_HOSTS.has(url.hostname.toLowerCase());
  } catch {
    return false;
  }
}

function tokenMatches(given: string | undefined, expected: string): boolean {
  if (given === undefined) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Who may drive `/__emulator/*`: requests addressed to a loopback Host (a DNS-rebound name is refused), from no page
 * or a page on this machine, with the control token when one is configured. Returns why not, or null.
 */
export function controlRefusal(req: IncomingMessage, token: string | undefined): string | null {
  if (!isLoopbackHost(req.headers.host)) {
    return `The emulator's control endpoints answer only requests addressed to 127.0.0.1, localhost or [::1], not Host '${req.headers.host ?? ''}'.`;
  }
  if (!isLoopbackOrigin(req.headers.origin)) {
    return `The emulator's control endpoints refuse pages from other sites (Origin '${req.headers.origin}'). Drive them from tests or from a page served on this machine.`;
  }
  if (token !== undefined) {
    const header = req.headers['x-talkwire-emulator-token'];
    const given = typeof header === 'string' ? header : /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
    if (!tokenMatches(given, token)) {
      return "This emulator was started with a control token: send it as 'Authorization: Bearer <token>' or 'x-talkwire-emulator-token'.";
    }
  }
  return null;
}

export function cors(req: IncomingMessage, res: ServerResponse, control: boolean): void {
  const origin = req.headers.origin;
  // OpenAI's routes answer any site, like api.openai.com; the control routes only pages on this machine.
  if (!control || isLoopbackOrigin(origin)) res.setHeader('Access-Control-Allow-Origin', origin ?? '*');
  if (origin) res.setHeader('Vary', 'Origin');
  res.setHeader('Access-Control-Expose-Headers', 'Location, x-request-id, openai-processing-ms');
}
