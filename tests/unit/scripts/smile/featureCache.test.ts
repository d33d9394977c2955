import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readCachedFaces, shuffledOrder } from '../../../../scripts/smile/featureCache';
import { makeTempDir } from '../../../fixtures/tempDir';

describe('reading a feature cache without the analyzer', () => {
  const temp = makeTempDir('smile-cache-');
  afterAll(() => temp.cleanup());

  /** A cache of `images` images whose first `done` of the seeded order are described (face or none), plus a cut line. */
  function writeCache(images: number, done: number): string {
    const file = join(temp.dir, `cache-${images}-${done}.jsonl`);
    const order = shuffledOrder(images, 2027);
    const lines = order.slice(0, done).map((image) =>
      JSON.stringify({
        image,
        label: image % 2,
        face:
          image % 3 === 0
            ? null
            : {
                box: { x: 0, y: 0, width: 1, height: 1 },
                detectionScore: 0.9,
                expressions: [0, 1, 0, 0, 0, 0, 0],
                bottleneck: [image],
                landmarks: null,
              },
      }),
    );
    writeFileSync(file, [JSON.stringify({ key: JSON.stringify({ folder: '/x', images }) }), ...lines, '{"image": 3, "lab'].join('\n'));
    return file;
  }

  it('gives the faces in the seeded order, up to the first image not yet described or the limit', () => {
    const order = shuffledOrder(20, 2027);
    const partial = readCachedFaces(writeCache(20, 12));
    expect(partial.map((f) => f.image)).toEqual(order.slice(0, 12));
    expect(partial.map((f) => f.face === null)).toEqual(order.slice(0, 12).map((i) => i % 3 === 0));
    expect(partial.find((f) => f.face)!.face!.bottleneck).toBeInstanceOf(Float32Array);
    expect(readCachedFaces(writeCache(20, 20), { limit: 5 }).map((f) => f.image)).toEqual(order.slice(0, 5));
    expect(readCachedFaces(writeCache(20, 20))).toHaveLength(20);
  });
});
