import { describe, expect, it } from 'vitest';
import { createExhibitConfigService } from '../../../../node/kiosk/exhibitConfigService';
import { createMemoryLogger } from '../../../../node/kiosk/logger';
import { EXHIBIT_CONFIG } from '../../../../common/exhibitConfig';
import { KioskError } from '../../../../common/contract';
import { useFreshDatabases } from '../../../fixtures/freshDatabases';

const { fresh: freshDb, reopen } = useFreshDatabases();

const transparent = {
  mode: 'transparent',
  corners: [
    { x: 0.1, y: 0.05 },
    { x: 0.92, y: 0.08 },
    { x: 0.9, y: 0.95 },
    { x: 0.08, y: 0.9 },
  ],
};

describe('exhibit config service', () => {
  it('serves the default until a value is saved, then the saved value, across a restart', () => {
    const { db, file } = freshDb();
    const svc = createExhibitConfigService(db, createMemoryLogger(), () => 1234);
    expect(svc.get('history.panel')).toEqual({
      key: 'history.panel',
      value: EXHIBIT_CONFIG['history.panel'].default,
      isDefault: true,
      updatedAt: null,
    });
    expect(svc.set('history.panel', transparent)).toEqual({ key: 'history.panel', value: transparent, isDefault: false, updatedAt: 1234 });
    db.close();
    const db2 = reopen(file);
    expect(createExhibitConfigService(db2, createMemoryLogger()).get('history.panel')).toMatchObject({
      value: transparent,
      isDefault: false,
      updatedAt: 1234,
    });
  });

  it('refuses an invalid value with every problem and its path, and keeps the stored one', () => {
    const { db } = freshDb();
    const svc = createExhibitConfigService(db, createMemoryLogger());
    svc.set('history.panel', transparent);
    const bad = {
      mode: 'hologram',
      corners: [
        { x: 0, y: 0 },
        { x: 1, y: 0 },
        { x: 1, y: 'one' },
      ],
    };
    let err: unknown;
    try {
      svc.set('history.panel', bad);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(KioskError);
    const paths = ((err as KioskError).data.issues ?? []).map((i) => i.path);
    expect(paths).toEqual(expect.arrayContaining(['value.mode', 'value.corners']));
    expect(svc.get('history.panel').value).toEqual(transparent);
  });

  it('refuses corners that fold over (not convex or not clockwise)', () => {
    const { db } = freshDb();
    const svc = createExhibitConfigService(db, createMemoryLogger());
    const crossed = {
      mode: 'screen',
      corners: [
        { x: 0, y: 0 },
        { x: 1, y: 1 },
        { x: 1, y: 0 },
        { x: 0, y: 1 },
      ],
    };
    expect(() => svc.set('history.panel', crossed)).toThrow(/invalid value/);
    const anticlockwise = {
      mode: 'screen',
      corners: [
        { x: 0, y: 0 },
        { x: 0, y: 1 },
        { x: 1, y: 1 },
        { x: 1, y: 0 },
      ],
    };
    expect(() => svc.set('history.panel', anticlockwise)).toThrow(KioskError);
  });

  it('serves the default for a stored row that no longer validates, without deleting it', () => {
    const { db } = freshDb();
    const log = createMemoryLogger();
    db.prepare('INSERT INTO exhibit_config (key, json, updated_at) VALUES (?, ?, ?)').run('history.panel', '{"mode":"old"}', 5);
    const svc = createExhibitConfigService(db, log);
    expect(svc.get('history.panel')).toMatchObject({ isDefault: true, value: EXHIBIT_CONFIG['history.panel'].default });
    expect(log.lines.some((l) => l.event === 'exhibit_config.invalid')).toBe(true);
    expect(db.prepare('SELECT json FROM exhibit_config WHERE key = ?').get('history.panel')).toEqual({ json: '{"mode":"old"}' });
    db.prepare('UPDATE exhibit_config SET json = ? WHERE key = ?').run('not json', 'history.panel');
    expect(svc.get('history.panel').isDefault).toBe(true);
  });

  it('refuses an unknown key', () => {
    const { db } = freshDb();
    const svc = createExhibitConfigService(db, createMemoryLogger());
    expect(() => svc.get('wheel.mapping' as 'history.panel')).toThrow(/unknown exhibit setting/);
  });
});
