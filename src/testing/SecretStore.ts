import type { SessionConfig } from './sessionConfig.js';

export interface Secret {
  value: string;
  expiresAt: number;
  session: SessionConfig;
}

const SWEEP_EVERY_MS = 30_000;
/** An expired secret is remembered this long, so using it says 'expired' rather than 'unknown'. */
const EXPIRED_GRACE_MS = 2_000;

/** Minted client secrets, purged once expired (a long-running emulator would otherwise keep every one). */
export class SecretStore {
  private readonly secrets = new Map<string, Secret>();
  private readonly timer: NodeJS.Timeout;

  constructor(private readonly now: () => number = Date.now) {
    this.timer = setInterval(() => this.purge(), SWEEP_EVERY_MS);
    this.timer.unref();
  }

  get size(): number {
    return this.secrets.size;
  }

  add(secret: Secret): void {
    this.purge();
    this.secrets.set(secret.value, secret);
  }

  /** The secret, or why it cannot be used. */
  get(value: string): Secret | 'unknown' | 'expired' {
    const secret = this.secrets.get(value);
    if (!secret) return 'unknown';
    if (this.now() >= secret.expiresAt) return 'expired';
    return secret;
  }

  purge(): void {
    const now = this.now();
    for (const [value, secret] of this.secrets)
      if (now >= secret.expiresAt + EXPIRED_GRACE_MS) this.secrets.delete(value);
  }

  close(): void {
    clearInterval(this.timer);
    this.secrets.clear();
  }
}
