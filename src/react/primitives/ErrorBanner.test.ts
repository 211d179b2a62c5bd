import { describe, expect, it } from 'vitest';
import { errorMessage } from './ErrorBanner.js';

describe('errorMessage', () => {
  it('never resolves a server-chosen code through the prototype', () => {
    for (const code of ['__proto__', 'constructor', 'toString', 'hasOwnProperty']) {
      expect(errorMessage({ source: 'server', code, message: 'from the server' })).toBe('from the server');
      expect(errorMessage({ source: 'server', code, message: 'from the server' }, {})).toBe('from the server');
    }
  });
  it('prefers the caller’s text, then the default label, then the error’s own message', () => {
    expect(
      errorMessage(
        { source: 'client', code: 'mic_unavailable', message: 'raw' },
        { mic_unavailable: 'Plug in a mic.' },
      ),
    ).toBe('Plug in a mic.');
    expect(errorMessage({ source: 'client', code: 'no_such_code', message: 'raw' })).toBe('raw');
  });
});
