import { describe, expect, it } from 'vitest';
import { createOperatorSessions } from '../../../../node/kiosk/operatorSessions';

describe('operator sessions', () => {
  it('issues unguessable tokens that expire after idling and slide while used', () => {
    const clock = { t: 0 };
    const s = createOperatorSessions(() => clock.t, 1000);
    const a = s.open();
    const b = s.open();
    expect(a.token).not.toBe(b.token);
    expect(a.token.length).toBeGreaterThanOrEqual(43); // 32 random bytes, base64url
    clock.t = 900;
    expect(s.check(a.token)).toBe(true); // slides to 1900
    clock.t = 1500;
    expect(s.check(a.token)).toBe(true);
    expect(s.check(b.token)).toBe(false); // b expired at 1000
    expect(s.check(undefined)).toBe(false);
    expect(s.check('forged')).toBe(false);
    s.close(a.token);
    expect(s.check(a.token)).toBe(false);
  });

  it('lets a guide session pass guide channels only, and an operator session both', () => {
    const s = createOperatorSessions(() => 0, 1000);
    const guide = s.open('guide');
    const operator = s.open();
    expect(s.check(guide.token, 'guide')).toBe(true);
    expect(s.check(guide.token, 'operator')).toBe(false);
    expect(s.check(guide.token)).toBe(false);
    expect(s.check(operator.token, 'guide')).toBe(true);
    expect(s.check(operator.token, 'operator')).toBe(true);
  });
});
