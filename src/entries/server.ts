/**
 * `talkwire/server` (Node 20+ and edge runtimes): ephemeral key minting that keeps the API key on the server
 * (`createClientSecretHandler`, a Web-standard `Request -> Response` handler, and `mintClientSecret`), plus
 * `toNodeListener` for Node's `http`.
 */
export { createClientSecretHandler } from '../server/createClientSecretHandler.js';
export type { ClientSecretHandlerOptions, SessionOverridePolicy } from '../server/createClientSecretHandler.js';
export { mintClientSecret } from '../server/mintClientSecret.js';
export type { ClientSecret, ClientSecretSessionConfig, MintClientSecretOptions } from '../server/mintClientSecret.js';
export { ClientSecretError } from '../server/ClientSecretError.js';
export type { ClientSecretErrorCode } from '../server/ClientSecretError.js';
export { toNodeListener } from '../server/toNodeListener.js';
