import { randomBytes } from 'node:crypto';

/**
 * Operator sessions: an unguessable token handed out after the right PIN, valid while used
 * (sliding IDLE_MS) and kept in memory only, so a restart always asks for the PIN again.
 */
export const OPERATOR_IDLE_MS = 10 * 60_000;

/** A guide session (the guide PIN) runs lessons and logs groups; only an operator session changes settings. */
export type SessionRole = 'operator' | 'guide';

export interface OperatorSessions {
  open(role?: SessionRole): { token: string; expiresAt: number };
  /**
   * True (and the expiry slides) when `token` is a live session allowed `role`: an operator session is
   * allowed everything a guide is, a guide session never the operator's channels.
   */
  check(token: string | undefined, role?: SessionRole): boolean;
  close(token: string | undefined): void;
  closeAll(): void;
}

export function createOperatorSessions(now: () => number = Date.now, idleMs = OPERATOR_IDLE_MS): OperatorSessions {
  const sessions = new Map<string, { exp: number; role: SessionRole }>();
  return {
    open(role = 'operator') {
      const token = randomBytes(32).toString('base64url');
      const expiresAt = now() + idleMs;
      sessions.set(token, { exp: expiresAt, role });
      return { token, expiresAt };
    },
    check(token, role = 'operator') {
      if (!token) return false;
      const s = sessions.get(token);
      if (s === undefined) return false;
      if (s.exp <= now()) {
        sessions.delete(token);
        return false;
      }
      if (role === 'operator' && s.role !== 'operator') return false;
      s.exp = now() + idleMs;
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
