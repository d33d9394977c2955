import { describe, expect, it } from 'vitest';
import { PAIRING_TTL_MS } from '../../../../../common/guideRemote';
import { createGuideRemote, PHONE_IDLE_MS } from '../../../../../node/kiosk/guide/guideRemote';

function clock(start = 1_000_000) {
  let t = start;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

describe('the guide remote', () => {
  it('pairs one phone with a one-time code that expires after two minutes', () => {
    const c = clock();
    const remote = createGuideRemote(c.now);
    const { code, expiresAt } = remote.startPairing();
    expect(code).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(expiresAt).toBe(c.now() + PAIRING_TTL_MS);
    expect(remote.pairingValid(code)).toBe(true);
    expect(remote.pair('x'.repeat(43))).toBeNull();
    const token = remote.pair(code);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    // Once only.
    expect(remote.pairingValid(code)).toBe(false);
    expect(remote.pair(code)).toBeNull();

    const late = remote.startPairing().code;
    c.advance(PAIRING_TTL_MS);
    expect(remote.pairingValid(late)).toBe(false);
    expect(remote.pair(late)).toBeNull();
    // A new code replaces the one before it.
    const first = remote.startPairing().code;
    const second = remote.startPairing().code;
    expect(remote.pair(first)).toBeNull();
    expect(remote.pair(second)).not.toBeNull();
  });

  it('a newly paired phone replaces the one before; only the paired phone sees the lesson or sends commands', () => {
    const remote = createGuideRemote(clock().now);
    const a = remote.pair(remote.startPairing().code)!;
    remote.sync({ lessonId: 'wharf', stepIndex: 2 });
    expect(remote.phone(a)).toEqual({ lessonId: 'wharf', stepIndex: 2 });
    const b = remote.pair(remote.startPairing().code)!;
    expect(remote.phone(a)).toBeNull();
    expect(remote.command(a, { kind: 'next' })).toBe(false);
    expect(remote.command(b, { kind: 'next' })).toBe(true);
    expect(remote.command(b, { kind: 'go', step: 4 })).toBe(true);
    expect(remote.sync({ lessonId: 'wharf', stepIndex: 3 })).toEqual({
      paired: true,
      commands: [{ kind: 'next' }, { kind: 'go', step: 4 }],
    });
    // Taken once.
    expect(remote.sync({ lessonId: 'wharf', stepIndex: 3 }).commands).toEqual([]);
  });

  it('keeps at most 20 waiting commands, the newest', () => {
    const remote = createGuideRemote(clock().now);
    const t = remote.pair(remote.startPairing().code)!;
    for (let i = 0; i < 25; i++) remote.command(t, { kind: 'go', step: i });
    const { commands } = remote.sync({ lessonId: null, stepIndex: 0 });
    expect(commands).toHaveLength(20);
    expect(commands[0]).toEqual({ kind: 'go', step: 5 });
  });

  it('lets an unused phone go after three hours, and everything when the guide signs out', () => {
    const c = clock();
    const remote = createGuideRemote(c.now);
    const t = remote.pair(remote.startPairing().code)!;
    c.advance(PHONE_IDLE_MS - 1);
    expect(remote.phone(t)).not.toBeNull();
    c.advance(PHONE_IDLE_MS + 1);
    expect(remote.phone(t)).toBeNull();
    expect(remote.sync({ lessonId: null, stepIndex: 0 }).paired).toBe(false);

    const u = remote.pair(remote.startPairing().code)!;
    const pending = remote.startPairing().code;
    remote.command(u, { kind: 'next' });
    remote.stop();
    expect(remote.phone(u)).toBeNull();
    expect(remote.pair(pending)).toBeNull();
    expect(remote.sync({ lessonId: null, stepIndex: 0 })).toEqual({ paired: false, commands: [] });
  });
});
