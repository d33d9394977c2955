import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { createServices, type Services } from '../../../../../node/kiosk/services';
import { createMemoryLogger } from '../../../../../node/kiosk/logger';
import { makeTempDir } from '../../../../fixtures/tempDir';

let services: Services;
let cleanup: () => void;
beforeEach(() => {
  const t = makeTempDir();
  cleanup = t.cleanup;
  services = createServices({ dataDir: join(t.dir, 'data'), appVersion: '9.9.9', runtime: 'web', log: createMemoryLogger() });
});
afterEach(() => {
  services.close();
  cleanup();
});

const value = {
  mode: 'transparent',
  corners: [
    { x: 0.1, y: 0.1 },
    { x: 0.9, y: 0.1 },
    { x: 0.9, y: 0.9 },
    { x: 0.1, y: 0.9 },
  ],
};

describe('exhibit config channels', () => {
  it('lets any screen read a setting but only the operator change it', async () => {
    const d = services.dispatcher;
    const read = await d.dispatch('getExhibitConfig', { payload: { key: 'history.panel' } });
    expect(read).toMatchObject({ ok: true, value: { key: 'history.panel', isDefault: true, value: { mode: 'screen' } } });
    const denied = await d.dispatch('setExhibitConfig', { payload: { key: 'history.panel', value } });
    expect(denied).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });

    await services.pin.setInitial('2468');
    const { token } = services.sessions.open();
    const saved = await d.dispatch('setExhibitConfig', { payload: { key: 'history.panel', value }, operatorToken: token });
    expect(saved).toMatchObject({ ok: true, value: { isDefault: false, value } });
    expect(await d.dispatch('getExhibitConfig', { payload: { key: 'history.panel' } })).toMatchObject({ ok: true, value: { value } });
  });

  it('answers a bad key or value with BAD_REQUEST and the JSON paths', async () => {
    await services.pin.setInitial('2468');
    const { token } = services.sessions.open();
    const d = services.dispatcher;
    expect(await d.dispatch('getExhibitConfig', { payload: { key: 'nope' } })).toMatchObject({
      ok: false,
      error: { code: 'BAD_REQUEST', issues: [{ path: 'key' }] },
    });
    const bad = await d.dispatch('setExhibitConfig', {
      payload: { key: 'history.panel', value: { ...value, corners: [{ x: 5, y: 0 }] } },
      operatorToken: token,
    });
    expect(bad).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    const paths = (bad as { error: { issues: { path: string }[] } }).error.issues.map((i) => i.path);
    expect(paths).toContain('value.corners');
  });
});
