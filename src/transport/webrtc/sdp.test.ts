import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { RealtimeError } from '../../core/errors.js';
import { callIdFromLocation, callsUrl, looksLikeSdp, parseOpenAiError } from './sdp.js';
import { sdpRejectedError } from './sdpRejectedError.js';

const answer = readFileSync(
  new URL('../../../../shared/fixtures/realtime/http/calls.response.sdp', import.meta.url),
  'utf8',
);

describe('callsUrl', () => {
  it.each([
    [undefined, 'https://api.openai.com/v1/realtime/calls'],
    ['http://127.0.0.1:4010/v1', 'http://127.0.0.1:4010/v1/realtime/calls'],
    ['http://127.0.0.1:4010/v1//', 'http://127.0.0.1:4010/v1/realtime/calls'],
  ])('%s -> %s', (base, url) => expect(callsUrl(base)).toBe(url));
});

describe('callIdFromLocation', () => {
  it.each([
    ['/v1/realtime/calls/rtc_abc123', 'rtc_abc123'],
    ['https://api.openai.com/v1/realtime/calls/rtc_abc123', 'rtc_abc123'],
    ['/v1/realtime/calls/rtc_abc123/', 'rtc_abc123'],
    ['/v1/realtime/calls/rtc_abc123?x=1#y', 'rtc_abc123'],
    ['rtc_only', 'rtc_only'],
    ['', null],
    [null, null],
    [undefined, null],
    ['/', null],
  ])('%s -> %s', (location, id) => expect(callIdFromLocation(location)).toBe(id));
});

describe('parseOpenAiError', () => {
  it('reads OpenAI’s error object', () => {
    const body = JSON.stringify({
      error: { message: 'Ephemeral token expired', type: 'invalid_request_error', code: 'token_expired', param: null },
    });
    expect(parseOpenAiError(body)).toEqual({
      message: 'Ephemeral token expired',
      type: 'invalid_request_error',
      code: 'token_expired',
    });
  });

  it('keeps a short plain-text body and ignores shapes it does not know', () => {
    expect(parseOpenAiError('Bad Gateway\n')).toEqual({ message: 'Bad Gateway' });
    expect(parseOpenAiError('x'.repeat(1000))?.message).toHaveLength(300);
    expect(parseOpenAiError('')).toBeUndefined();
    expect(parseOpenAiError('{"error":{"code":1}}')).toBeUndefined();
    expect(parseOpenAiError('[1,2]')).toBeUndefined();
    expect(parseOpenAiError('null')).toBeUndefined();
    expect(parseOpenAiError('{"error":"nope"}')).toEqual({ message: 'nope' });
  });
});

describe('sdpRejectedError', () => {
  it('carries the status, OpenAI’s message and fields, and says what to do', () => {
    const error = sdpRejectedError(
      401,
      JSON.stringify({
        error: { message: 'Ephemeral token expired', type: 'invalid_request_error', code: 'token_expired' },
      }),
    );
    expect(error).toBeInstanceOf(RealtimeError);
    expect(error.code).toBe('sdp_rejected');
    expect(error.status).toBe(401);
    expect(error.serverType).toBe('invalid_request_error');
    expect(error.serverCode).toBe('token_expired');
    expect(error.message).toContain('Ephemeral token expired');
    expect(error.message).toContain('Fetch a fresh key');
  });

  it.each([
    [400, 'session config'],
    [429, 'rate limiting'],
    [500, 'Try again'],
  ])('gives advice for %i', (status, advice) => {
    const error = sdpRejectedError(status, '');
    expect(error.status).toBe(status);
    expect(error.message).toContain(advice);
    expect(error.message).toContain(`HTTP ${status}`);
  });
});

describe('looksLikeSdp', () => {
  it('accepts a real answer and refuses other bodies', () => {
    expect(looksLikeSdp(answer)).toBe(true);
    expect(looksLikeSdp('<html>')).toBe(false);
    expect(looksLikeSdp('{"error":{}}')).toBe(false);
    expect(looksLikeSdp('')).toBe(false);
  });
});
