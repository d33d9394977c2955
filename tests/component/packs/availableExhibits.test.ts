import { describe, expect, it } from 'vitest';
import { historyManifest } from '../../fixtures/packs/historyManifest';
import { availableExhibits } from '../../../src/packs/availableExhibits';
import { packAssetUrl } from '../../../src/packs/packAssetUrl';

describe('availableExhibits', () => {
  it('keeps the profile order and drops exhibits the pack leaves out', () => {
    const m = { ...historyManifest(), smile: {} };
    expect(availableExhibits(m, ['smile', 'panorama', 'history'])).toEqual(['smile', 'history']);
    expect(availableExhibits(m)).toEqual(['history', 'smile']);
    expect(availableExhibits(null, ['history'])).toEqual([]);
  });
});

describe('packAssetUrl', () => {
  it('is relative to the page, encodes each segment, and carries the pack key against stale caches', () => {
    expect(packAssetUrl('a b/c#1.png')).toBe('pack/a%20b/c%231.png');
    expect(packAssetUrl('x/y.png', 'p@1.0.0~3')).toBe('pack/x/y.png?v=p%401.0.0~3');
  });
});
