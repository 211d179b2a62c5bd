import { createHmac, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { unwrapWebhook } from './unwrapWebhook.js';
import { WebhookError } from './WebhookError.js';

// The Standard Webhooks test vector (libraries/go/webhook_test.go and the JavaScript library's "sign" test).
const VECTOR = {
  secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
  id: 'msg_p5jXN8AQM9LWM0D4loKWxJek',
  timestamp: 1614265330,
  body: '{"test": 2432232314}',
  signature: 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=',
};
const AT = VECTOR.timestamp * 1000;
const headersOf = (overrides: Record<string, string | undefined> = {}) => {
  const out: Record<string, string> = {};
  const all = {
    'webhook-id': VECTOR.id,
    'webhook-timestamp': String(VECTOR.timestamp),
    'webhook-signature': VECTOR.signature,
    ...overrides,
  };
  for (const [name, value] of Object.entries(all)) if (value !== undefined) out[name] = value;
  return out;
};

function failure(run: () => unknown): WebhookError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(WebhookError);
    return error as WebhookError;
  }
  throw new Error('expected a WebhookError');
}

/** Signs like OpenAI, with node:crypto rather than the library under test. */
function sign(secret: string, id: string, timestamp: number, body: string): string {
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  return `v1,${createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest('base64')}`;
}

describe('unwrapWebhook', () => {
  it('accepts the Standard Webhooks test vector and returns the parsed body', () => {
    expect(unwrapWebhook(VECTOR.body, headersOf(), { secret: VECTOR.secret, now: AT })).toEqual({ test: 2432232314 });
    // The same as bytes, with Headers, and with header names in another case.
    const bytes = new TextEncoder().encode(VECTOR.body);
    expect(unwrapWebhook(bytes, new Headers(headersOf()), { secret: VECTOR.secret, now: AT })).toEqual({
      test: 2432232314,
    });
    const upper = {
      'Webhook-Id': VECTOR.id,
      'WEBHOOK-TIMESTAMP': String(VECTOR.timestamp),
      'Webhook-Signature': VECTOR.signature,
    };
    expect(unwrapWebhook(VECTOR.body, upper, { secret: VECTOR.secret, now: AT })).toEqual({ test: 2432232314 });
  });

  it('accepts one matching signature among several (secret rotation)', () => {
    const wrong = 'v1,Ceo5qEr07ixe2NLpvHk3FH9bwy/WavXrAFQ/9tdO6mc=';
    const signatures = [wrong, 'v2,Ceo5qEr07ixe2NLpvHk3FH9bwy/WavXrAFQ/9tdO6mc=', VECTOR.signature, wrong].join(' ');
    const headers = headersOf({ 'webhook-signature': signatures });
    expect(unwrapWebhook(VECTOR.body, headers, { secret: VECTOR.secret, now: AT })).toEqual({ test: 2432232314 });
  });

  it('verifies an OpenAI realtime.call.incoming event signed with a fresh secret', () => {
    const secret = `whsec_${randomBytes(32).toString('base64')}`;
    const body = JSON.stringify({
      id: 'evt_abc123',
      object: 'event',
      type: 'realtime.call.incoming',
      created_at: 1719168000,
      data: { call_id: 'rtc_479a275623b54bdb9b6fbae2f7cbd408', sip_headers: [{ name: 'Max-Forwards', value: '63' }] },
    });
    const now = Date.now();
    const timestamp = Math.floor(now / 1000);
    const headers = {
      'webhook-id': 'wh_1',
      'webhook-timestamp': String(timestamp),
      'webhook-signature': sign(secret, 'wh_1', timestamp, body),
    };
    const event = unwrapWebhook<{ type: string; data: { call_id: string } }>(body, headers, { secret });
    expect(event.type).toBe('realtime.call.incoming');
    expect(event.data.call_id).toBe('rtc_479a275623b54bdb9b6fbae2f7cbd408');
  });

  it.each([
    ['a tampered body', VECTOR.body.replace('2432232314', '2432232315'), headersOf(), VECTOR.secret],
    ['another webhook id', VECTOR.body, headersOf({ 'webhook-id': 'msg_other' }), VECTOR.secret],
    [
      'a wrong secret',
      VECTOR.body,
      headersOf(),
      `whsec_${Buffer.from('another secret of 24 bytes!').toString('base64')}`,
    ],
    [
      'a shifted timestamp',
      VECTOR.body,
      headersOf({ 'webhook-timestamp': String(VECTOR.timestamp + 1) }),
      VECTOR.secret,
    ],
    [
      'a made-up signature',
      VECTOR.body,
      headersOf({ 'webhook-signature': 'v1,dawfeoifkpqwoekfpqoekf' }),
      VECTOR.secret,
    ],
    [
      'a truncated signature',
      VECTOR.body,
      headersOf({ 'webhook-signature': VECTOR.signature.slice(0, 8) }),
      VECTOR.secret,
    ],
    ['an empty v1 signature', VECTOR.body, headersOf({ 'webhook-signature': 'v1,' }), VECTOR.secret],
    [
      'the right signature as v2',
      VECTOR.body,
      headersOf({ 'webhook-signature': VECTOR.signature.replace('v1,', 'v2,') }),
      VECTOR.secret,
    ],
  ])('refuses %s as invalid_signature', (_label, body, headers, secret) => {
    const error = failure(() => unwrapWebhook(body, headers, { secret, now: AT }));
    expect(error.code).toBe('invalid_signature');
    expect(error.message).toMatch(/signature does not match/);
  });

  it('refuses timestamps older or newer than the tolerance, and accepts them within it', () => {
    const options = (offsetSeconds: number, toleranceSeconds?: number) => ({
      secret: VECTOR.secret,
      now: AT + offsetSeconds * 1000,
      ...(toleranceSeconds === undefined ? {} : { toleranceSeconds }),
    });
    expect(unwrapWebhook(VECTOR.body, headersOf(), options(300))).toEqual({ test: 2432232314 });
    expect(unwrapWebhook(VECTOR.body, headersOf(), options(-300))).toEqual({ test: 2432232314 });
    const old = failure(() => unwrapWebhook(VECTOR.body, headersOf(), options(301)));
    expect(old.code).toBe('timestamp_too_old');
    expect(old.message).toContain('301 s ago');
    const future = failure(() => unwrapWebhook(VECTOR.body, headersOf(), options(-301)));
    expect(future.code).toBe('timestamp_too_new');
    expect(failure(() => unwrapWebhook(VECTOR.body, headersOf(), options(61, 60))).code).toBe('timestamp_too_old');
    expect(unwrapWebhook(VECTOR.body, headersOf(), options(3600, 7200))).toEqual({ test: 2432232314 });
    // Today's clock against a 2021 signature: too old by years.
    expect(failure(() => unwrapWebhook(VECTOR.body, headersOf(), { secret: VECTOR.secret })).code).toBe(
      'timestamp_too_old',
    );
  });

  it.each(['webhook-id', 'webhook-timestamp', 'webhook-signature'])('names a missing %s', (name) => {
    for (const headers of [
      headersOf({ [name]: undefined }),
      new Headers(headersOf({ [name]: undefined })),
      headersOf({ [name]: '' }),
    ]) {
      const error = failure(() => unwrapWebhook(VECTOR.body, headers, { secret: VECTOR.secret, now: AT }));
      expect(error.code).toBe('missing_header');
      expect(error.header).toBe(name);
      expect(error.message).toContain(name);
    }
  });

  it('refuses a timestamp that is not a number of seconds', () => {
    for (const value of ['hello', '1614265330.5', '-1614265330', '1e9']) {
      const error = failure(() =>
        unwrapWebhook(VECTOR.body, headersOf({ 'webhook-timestamp': value }), { secret: VECTOR.secret, now: AT }),
      );
      expect(error.code).toBe('invalid_header');
      expect(error.header).toBe('webhook-timestamp');
    }
  });

  it('says the secret is malformed without quoting it', () => {
    for (const secret of ['', 'whsec_', 'whsec_not*base64!']) {
      const error = failure(() => unwrapWebhook(VECTOR.body, headersOf(), { secret, now: AT }));
      expect(error.code).toBe('invalid_secret');
      if (secret.length > 'whsec_'.length) expect(error.message).not.toContain(secret);
    }
  });

  it('refuses a correctly signed body that is not JSON', () => {
    const body = 'not json';
    const headers = headersOf({ 'webhook-signature': sign(VECTOR.secret, VECTOR.id, VECTOR.timestamp, body) });
    expect(failure(() => unwrapWebhook(body, headers, { secret: VECTOR.secret, now: AT })).code).toBe(
      'invalid_payload',
    );
  });
});
