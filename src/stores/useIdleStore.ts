import { defineStore } from 'pinia';
import { ref } from 'vue';

/**
 * The idle watchdog. While enabled, any activity re-arms a timer of `timeoutSeconds`; when it
 * fires, a countdown of `countdownSeconds` starts (the overlay shows it); activity during the
 * countdown cancels it; at zero every `onExpire` handler runs (App sends the kiosk back to the
 * attract screen and resets the exhibits). The remaining time is computed from a deadline, not by
 * counting ticks, so a late timer never stretches the countdown.
 */
export const useIdleStore = defineStore('idle', () => {
  const timeoutSeconds = ref(90);
  const countdownSeconds = ref(10);
  const enabled = ref(false);
  const counting = ref(false);
  const remaining = ref(0);
  const expireHandlers = new Set<() => void>();
  let idleTimer: ReturnType<typeof setTimeout> | undefined;
  let tickTimer: ReturnType<typeof setInterval> | undefined;
  let deadline = 0;

  function clearTimers(): void {
    clearTimeout(idleTimer);
    clearInterval(tickTimer);
    idleTimer = undefined;
    tickTimer = undefined;
  }

  function arm(): void {
    clearTimers();
    counting.value = false;
    idleTimer = setTimeout(startCountdown, timeoutSeconds.value * 1000);
  }

  function tick(): void {
    const left = Math.max(0, Math.ceil((deadline - Date.now()) / 1000));
    remaining.value = left;
    if (left <= 0) expire();
  }

  function startCountdown(): void {
    clearTimers();
    counting.value = true;
    deadline = Date.now() + countdownSeconds.value * 1000;
    remaining.value = countdownSeconds.value;
    tickTimer = setInterval(tick, 200);
  }

  function expire(): void {
    clearTimers();
    counting.value = false;
    enabled.value = false;
    for (const handler of [...expireHandlers]) handler();
  }

  function configure(opts: { timeoutSeconds: number; countdownSeconds: number }): void {
    timeoutSeconds.value = opts.timeoutSeconds;
    countdownSeconds.value = opts.countdownSeconds;
    if (enabled.value && !counting.value) arm();
  }

  /** Off on the attract, setup and closed screens; on everywhere a visitor is mid-visit. */
  function setEnabled(on: boolean): void {
    if (on === enabled.value) return;
    enabled.value = on;
    if (on) arm();
    else {
      clearTimers();
      counting.value = false;
    }
  }

  /** Any touch, pointer or key input. */
  function activity(): void {
    if (enabled.value) arm();
  }

  function onExpire(handler: () => void): () => void {
    expireHandlers.add(handler);
    return () => expireHandlers.delete(handler);
  }

  return { timeoutSeconds, countdownSeconds, enabled, counting, remaining, configure, setEnabled, activity, onExpire };
});
