import { ClientSecretError } from './ClientSecretError.js';
import { redactCause } from './redactSecrets.js';

/** Who a request is for: rate limits count per identity. A string, or an object with a string `id`. */
export type ClientSecretIdentity = string | { id: string };

/** `true` allows (sharing one anonymous allowance), an identity allows with its own, `false` refuses. */
export type AuthorizeVerdict = boolean | ClientSecretIdentity | Response;

/**
 * Who may mint: a function of the request, or `'public'` for a demo that hands keys to anyone (rate limited as
 * one anonymous caller).
 */
export type ClientSecretAuthorize = 'public' | ((request: Request) => AuthorizeVerdict | Promise<AuthorizeVerdict>);

// Callers without an identity share this bucket; the prefix keeps it apart from any identity an app returns.
const ANONYMOUS = 'anonymous:';

/** The rate-limit key for an allowed request, or the `Response` to answer with. Throws ClientSecretError. */
export async function authorizeRequest(
  authorize: ClientSecretAuthorize | undefined,
  request: Request,
  apiKey: string | undefined,
): Promise<string | Response> {
  if (authorize === undefined) {
    throw new ClientSecretError(
      'authorize_required',
      500,
      "The key handler refuses every request until you configure authorize: pass authorize: (request) => <your user's id, or false>, or authorize: 'public' for a demo anyone may use.",
    );
  }
  if (authorize === 'public') return ANONYMOUS;
  if (typeof authorize !== 'function') {
    throw new ClientSecretError('authorize_required', 500, "authorize must be a function or 'public'.");
  }
  let verdict: AuthorizeVerdict;
  try {
    verdict = await authorize(request);
  } catch (cause) {
    throw new ClientSecretError('unauthorized', 401, 'Sign in before starting a voice session.', {
      cause: redactCause(cause, apiKey),
    });
  }
  if (verdict instanceof Response) return verdict;
  if (verdict === true) return ANONYMOUS;
  const id =
    typeof verdict === 'string' ? verdict : typeof verdict === 'object' && verdict !== null ? verdict.id : undefined;
  if (typeof id === 'string' && id !== '') return `user:${id}`;
  throw new ClientSecretError('forbidden', 403, 'This user may not start a voice session.');
}
