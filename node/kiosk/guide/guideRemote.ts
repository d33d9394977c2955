import { randomBytes, timingSafeEqual } from 'node:crypto';
import { PAIRING_TTL_MS, type GuideRemoteCommand, type SyncGuideRemoteRequest } from '../../../common/guideRemote';

/** A phone left paired and unused this long is let go (a lesson is far shorter; the next lesson pairs again). */
export const PHONE_IDLE_MS = 3 * 60 * 60_000;
/** Commands waiting for the kiosk screen: more than this and the oldest go (a phone tapping on while the screen is away). */
const MAX_QUEUED = 20;

export interface GuideRemote {
  /** A new one-time pairing code; any earlier code stops working. */
  startPairing(): { code: string; expiresAt: number };
  /** Whether `code` is the live pairing code (the phone's confirm page). */
  pairingValid(code: string): boolean;
  /** Takes the pairing code once: answers the phone's token, which replaces any phone paired before; null if not valid. */
  pair(code: string): string | null;
  /** The lesson and step the kiosk screen shows, if `token` is the paired phone's; null otherwise. */
  phone(token: string): { lessonId: string | null; stepIndex: number } | null;
  /** A paired phone's command; false if `token` is not the paired phone's. */
  command(token: string, command: GuideRemoteCommand): boolean;
  /** The kiosk screen reports its lesson and takes the phone's commands. */
  sync(state: SyncGuideRemoteRequest): { paired: boolean; commands: GuideRemoteCommand[] };
  /** The guide signed out: the code, the phone and the queue all go. */
  stop(): void;
}

/** 32 random bytes, URL-safe: 43 characters, the same alphabet and length as a postcard's link. */
const newSecret = (): string => randomBytes(32).toString('base64url');

function same(a: string, b: string | null): boolean {
  if (b === null || a.length !== b.length) return false;
  return timingSafeEqual(Buffer.from(a), Buffer.from(b));
}

/**
 * The pairing and the command queue between the guide's phone and the kiosk screen. Nothing here is stored:
 * a restart forgets the phone, as it forgets the guide's session.
 */
export function createGuideRemote(now: () => number = Date.now): GuideRemote {
  let code: { value: string; expiresAt: number } | null = null;
  let phoneToken: string | null = null;
  let phoneSeen = 0;
  let state: SyncGuideRemoteRequest = { lessonId: null, stepIndex: 0 };
  let queue: GuideRemoteCommand[] = [];

  const liveCode = (candidate: string): boolean => code !== null && code.expiresAt > now() && same(candidate, code.value);
  /** Lets a phone unused for PHONE_IDLE_MS go. */
  const dropIdlePhone = (): void => {
    if (phoneToken !== null && now() - phoneSeen > PHONE_IDLE_MS) phoneToken = null;
  };
  const isPhone = (token: string): boolean => {
    dropIdlePhone();
    if (!same(token, phoneToken)) return false;
    phoneSeen = now();
    return true;
  };

  return {
    startPairing() {
      code = { value: newSecret(), expiresAt: now() + PAIRING_TTL_MS };
      return { code: code.value, expiresAt: code.expiresAt };
    },
    pairingValid: liveCode,
    pair(candidate) {
      if (!liveCode(candidate)) return null;
      code = null;
      phoneToken = newSecret();
      phoneSeen = now();
      queue = [];
      return phoneToken;
    },
    phone(token) {
      return isPhone(token) ? { ...state } : null;
    },
    command(token, command) {
      if (!isPhone(token)) return false;
      queue.push(command);
      if (queue.length > MAX_QUEUED) queue.splice(0, queue.length - MAX_QUEUED);
      return true;
    },
    sync(next) {
      state = { ...next };
      dropIdlePhone();
      const commands = queue;
      queue = [];
      return { paired: phoneToken !== null, commands };
    },
    stop() {
      code = null;
      phoneToken = null;
      queue = [];
      state = { lessonId: null, stepIndex: 0 };
    },
  };
}
