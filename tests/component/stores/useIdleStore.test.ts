import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useIdleStore } from '../../../src/stores/useIdleStore';

describe('useIdleStore', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    setActivePinia(createPinia());
  });
  afterEach(() => vi.useRealTimers());

  function armed(timeoutSeconds = 90, countdownSeconds = 10) {
    const idle = useIdleStore();
    const expired = vi.fn();
    idle.onExpire(expired);
    idle.configure({ timeoutSeconds, countdownSeconds });
    idle.setEnabled(true);
    return { idle, expired };
  }

  it('starts the countdown after the timeout without input, and expires at zero', () => {
    const { idle, expired } = armed(90, 10);
    vi.advanceTimersByTime(89_999);
    expect(idle.counting).toBe(false);
    vi.advanceTimersByTime(1);
    expect(idle.counting).toBe(true);
    expect(idle.remaining).toBe(10);
    vi.advanceTimersByTime(4_000);
    expect(idle.remaining).toBe(6);
    expect(expired).not.toHaveBeenCalled();
    vi.advanceTimersByTime(6_000);
    expect(expired).toHaveBeenCalledTimes(1);
    expect(idle.counting).toBe(false);
    // Expiry ends the visit: nothing more fires until the shell enables the watchdog again.
    expect(idle.enabled).toBe(false);
    vi.advanceTimersByTime(600_000);
    expect(expired).toHaveBeenCalledTimes(1);
  });

  it('re-arms the full timeout on every input', () => {
    const { idle, expired } = armed(30, 5);
    vi.advanceTimersByTime(29_000);
    idle.activity();
    vi.advanceTimersByTime(29_000);
    expect(idle.counting).toBe(false);
    vi.advanceTimersByTime(1_000);
    expect(idle.counting).toBe(true);
    expect(expired).not.toHaveBeenCalled();
  });

  it('an input during the countdown cancels it and starts a new full timeout', () => {
    const { idle, expired } = armed(20, 10);
    vi.advanceTimersByTime(25_000);
    expect(idle.counting).toBe(true);
    idle.activity();
    expect(idle.counting).toBe(false);
    vi.advanceTimersByTime(19_000);
    expect(idle.counting).toBe(false);
    expect(expired).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1_000);
    expect(idle.counting).toBe(true);
  });

  it('does nothing while disabled (attract, setup and closed screens), and disabling stops a countdown', () => {
    const idle = useIdleStore();
    const expired = vi.fn();
    idle.onExpire(expired);
    idle.configure({ timeoutSeconds: 15, countdownSeconds: 3 });
    idle.activity();
    vi.advanceTimersByTime(60_000);
    expect(idle.counting).toBe(false);

    idle.setEnabled(true);
    vi.advanceTimersByTime(16_000);
    expect(idle.counting).toBe(true);
    idle.setEnabled(false);
    expect(idle.counting).toBe(false);
    vi.advanceTimersByTime(60_000);
    expect(expired).not.toHaveBeenCalled();
  });

  it('counts down from a deadline, so late timer ticks do not stretch the countdown', () => {
    const { idle, expired } = armed(15, 10);
    vi.advanceTimersByTime(15_000);
    // The page was busy: the clock moved 7 s while no timer ran.
    vi.setSystemTime(Date.now() + 7_000);
    vi.advanceTimersByTime(200);
    expect(idle.remaining).toBe(3);
    vi.advanceTimersByTime(3_000);
    expect(expired).toHaveBeenCalledTimes(1);
  });

  it('applies new settings to the running timer', () => {
    const { idle } = armed(90, 10);
    vi.advanceTimersByTime(10_000);
    idle.configure({ timeoutSeconds: 15, countdownSeconds: 5 });
    vi.advanceTimersByTime(15_000);
    expect(idle.counting).toBe(true);
    expect(idle.remaining).toBe(5);
  });
});
