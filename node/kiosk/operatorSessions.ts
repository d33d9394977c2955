import { randomBytes } from 'node:crypto';

/**
 * Operator sessions: an unguessable token handed out after the right PIN, valid while used
 * (sliding IDLE_MS) and kept in memory only, so a restart always asks for the PIN again.
 */
export const OPERATOR_IDLE_MS = 10 * 60_000;

export interface OperatorSessions {
  open(): { token: string; expiresAt: number };
  /** True (and the expiry slides) when `token` is a live session. */
  check(token: string | undefined): boolean;
  close(token: string | undefined): void;
  closeAll(): void;
}

export function createOperatorSessions(now: () => number = Date.now, idleMs = OPERATOR_IDLE_MS): OperatorSessions {
  const sessions = new Map<string, number>();
  return {
    open() {
      const token = randomBytes(32).toString('base64url');
      const expiresAt = now() + idleMs;
      sessions.set(token, expiresAt);
      return { token, expiresAt };
    },
    check(token) {
      if (!token) return false;
      const exp = sessions.get(token);
      if (exp === undefined) return false;
      if (exp <= now()) {
        sessions.delete(token);
        return false;
      }
      sessions.set(token, now() + idleMs);
      return true;
    },
    close(token) {
      if (token) sessions.delete(token);
    },
    closeAll() {
      sessions.clear();
    },
  };
}
