/**
 * Where the live Playground gets its key and its Realtime API. The dev-server plugin loaded by
 * `.storybook/main.ts` answers both: the key endpoint mints an ephemeral key (from the local emulator, or from
 * OpenAI when `OPENAI_API_KEY` is set on the server), and the config endpoint says which API base URL that key
 * belongs to, as `{ "apiBaseUrl": "http://127.0.0.1:PORT/v1" }`.
 */
export const PLAYGROUND_CLIENT_SECRET_URL = '/api/realtime-session';
export const PLAYGROUND_CONFIG_URL = '/api/realtime-config';
