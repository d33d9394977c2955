/**
 * mulberry32, a tiny seeded pseudo-random generator
 * (https://gist.github.com/tommyettinger/46a874533244883189143505d203312c): the same seed gives the same
 * sequence on every machine, so generated demo content and synthetic test videos repeat byte for byte.
 * Not for anything secret (tokens use crypto.randomBytes).
 */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
