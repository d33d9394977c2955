import { onBeforeUnmount, onMounted, ref, shallowRef } from 'vue';
import { listGamepads } from '../input/readGamepad';

export type LivePad = ReturnType<typeof listGamepads>[number];

/**
 * The connected gamepads, re-read on every animation frame while the calibration screen is open
 * (axes have no change events: https://w3c.github.io/gamepad/#dom-navigator-getgamepads).
 * `selected` follows the first pad until the operator picks one. `onFrame` runs after each read.
 */
export function useLivePads(onFrame?: (pad: LivePad | null, nowMs: number) => void) {
  const pads = shallowRef<LivePad[]>([]);
  const selected = ref<number | null>(null);
  let raf = 0;

  function read(now: number): void {
    pads.value = listGamepads(typeof navigator === 'undefined' ? undefined : navigator);
    if (selected.value === null || !pads.value.some((p) => p.index === selected.value)) selected.value = pads.value[0]?.index ?? null;
    onFrame?.(pads.value.find((p) => p.index === selected.value) ?? null, now);
    raf = requestAnimationFrame(read);
  }
  onMounted(() => (raf = requestAnimationFrame(read)));
  onBeforeUnmount(() => cancelAnimationFrame(raf));
  return { pads, selected };
}
