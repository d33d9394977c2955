import { createHash, randomBytes } from 'node:crypto';
import { LAUNCH_NONCE_TTL_MS } from '../../../common/webHostSession';

export interface LaunchNonces {
  /** A new nonce, valid once for `ttlMs`. */
  issue(): string;
  /** True exactly once per issued nonce, within its lifetime; false for anything else. */
  consume(nonce: string): boolean;
}

/** At most this many unspent nonces are kept (the launcher asks for one per browser start); the oldest go first. */
const MAX_OUTSTANDING = 16;

const key = (nonce: string): string => createHash('sha256').update(nonce).digest('hex');

/**
 * The web host's single-use launch nonces (see common/webHostSession.ts). Only digests are kept, so a heap dump
 * or a log of this map shows nothing that can be traded; 32 random bytes make guessing hopeless.
 */
export function createLaunchNonces(opts: { ttlMs?: number; now?: () => number } = {}): LaunchNonces {
  const ttlMs = opts.ttlMs ?? LAUNCH_NONCE_TTL_MS;
  const now = opts.now ?? Date.now;
  const expiries = new Map<string, number>();
  const prune = (): void => {
    const t = now();
    for (const [k, expires] of expiries) if (expires <= t) expiries.delete(k);
    while (expiries.size > MAX_OUTSTANDING) expiries.delete(expiries.keys().next().value as string);
  };
  return {
    issue() {
      const nonce = randomBytes(32).toString('base64url');
      expiries.set(key(nonce), now() + ttlMs);
      prune();
      return nonce;
    },
    consume(nonce) {
      prune();
      const k = key(nonce);
      if (!expiries.has(k)) return false;
      expiries.delete(k);
      return true;
    },
  };
}
