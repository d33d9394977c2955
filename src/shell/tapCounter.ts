/**
 * Counts taps for the hidden operator gesture: `tap(at)` returns true on the `taps`-th tap that
 * falls within `withinMs` of the first one kept, then starts over.
 */
export function createTapCounter(taps = 5, withinMs = 3000): { tap(at: number): boolean } {
  let times: number[] = [];
  return {
    tap(at) {
      times = times.filter((t) => at - t < withinMs);
      times.push(at);
      if (times.length >= taps) {
        times = [];
        return true;
      }
      return false;
    },
  };
}
