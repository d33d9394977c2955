import { onBeforeUnmount, ref, watch, type Ref } from 'vue';

/** True when the visitor's system asks for less motion (https://developer.mozilla.org/docs/Web/CSS/@media/prefers-reduced-motion). */
export function prefersReducedMotion(): boolean {
  return (
    typeof window !== 'undefined' &&
    typeof window.matchMedia === 'function' &&
    window.matchMedia('(prefers-reduced-motion: reduce)').matches
  );
}

const easeOutCubic = (t: number): number => 1 - (1 - t) ** 3;

/**
 * A number that rolls to each new value of `source` over `durationMs` (ease-out), so a count going
 * up reads as movement from across the room. Null (no value: "—") is shown at once; so is every value
 * when the system prefers reduced motion. One requestAnimationFrame loop, cancelled on unmount.
 */
export function useRolling(source: () => number | null, durationMs = 1200): Ref<number | null> {
  const shown = ref<number | null>(null);
  let frame = 0;
  const cancel = (): void => {
    if (frame) cancelAnimationFrame(frame);
    frame = 0;
  };
  watch(
    source,
    (to) => {
      cancel();
      const from = shown.value;
      if (to == null || prefersReducedMotion() || durationMs <= 0 || from === to) {
        shown.value = to;
        return;
      }
      const start = performance.now();
      const origin = from ?? 0;
      const step = (now: number): void => {
        const t = Math.min(1, (now - start) / durationMs);
        shown.value = t >= 1 ? to : origin + (to - origin) * easeOutCubic(t);
        frame = t >= 1 ? 0 : requestAnimationFrame(step);
      };
      frame = requestAnimationFrame(step);
    },
    { immediate: true },
  );
  onBeforeUnmount(cancel);
  return shown;
}
