export { createClientSecretHandler } from './server/createClientSecretHandler.js';
export type { ClientSecretHandlerOptions, SessionOverridePolicy } from './server/createClientSecretHandler.js';
export { mintClientSecret } from './server/mintClientSecret.js';
export type { ClientSecret, ClientSecretSessionConfig, MintClientSecretOptions } from './server/mintClientSecret.js';
export { ClientSecretError } from './server/ClientSecretError.js';
export type { ClientSecretErrorCode } from './server/ClientSecretError.js';
export { toNodeListener } from './server/toNodeListener.js';
export type { AuthorizeVerdict, ClientSecretAuthorize, ClientSecretIdentity } from './server/authorizeRequest.js';
export type { RateLimit } from './server/rateLimiter.js';
