import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultDemoPackDir, packOverrideDir } from '../../../../../node/kiosk/packs/packLocations';

describe('packLocations', () => {
  it('takes the demo pack folder from KIOSK_DEMO_PACK_DIR, resolved', () => {
    expect(defaultDemoPackDir({ KIOSK_DEMO_PACK_DIR: 'some/demo' })).toBe(resolve('some/demo'));
  });

  it('finds resources/demo-pack above the source tree only when it holds a manifest', () => {
    const found = defaultDemoPackDir({});
    const repoDemo = resolve(__dirname, '../../../../../resources/demo-pack');
    expect(found === null || found === repoDemo).toBe(true);
  });

  it('reads the preview folder from KIOSK_PACK_OVERRIDE, ignoring blanks', () => {
    expect(packOverrideDir({ KIOSK_PACK_OVERRIDE: '/tmp/my-pack' })).toBe('/tmp/my-pack');
    expect(packOverrideDir({ KIOSK_PACK_OVERRIDE: '  ' })).toBeNull();
    expect(packOverrideDir({})).toBeNull();
  });
});
