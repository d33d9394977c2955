import { describe, expect, it } from 'vitest';
import {
  defaultSettings,
  migrateSettings,
  SettingsMigrationError,
  SettingsSchema,
  SettingsPatchSchema,
  SETTINGS_VERSION,
} from '../../../common/settings';

describe('settings', () => {
  it('defaults are valid and match the station: zh-CN, 90 s idle, 10-20 h, Asia/Shanghai, every exhibit', () => {
    const s = defaultSettings('kiosk-test');
    expect(SettingsSchema.parse(s)).toEqual(s);
    expect(s).toMatchObject({ defaultLanguage: 'zh-CN', idleTimeoutSeconds: 90, idleCountdownSeconds: 10, timeZone: 'Asia/Shanghai' });
    expect(s.exhibits).toEqual(['history', 'panorama', 'postcard', 'smile']);
    expect(s.openingHours.sun).toEqual({ open: '10:00', close: '20:00' });
  });

  it('runs migrations step by step from an old version', () => {
    const steps = {
      1: (o: Record<string, unknown>) => ({ ...o, renamed: o.old, old: undefined }),
      2: (o: Record<string, unknown>) => ({ ...o, added: true }),
    };
    expect(migrateSettings({ version: 1, old: 'x' }, steps, 3)).toEqual({ version: 3, renamed: 'x', old: undefined, added: true });
    expect(migrateSettings({ version: 2, renamed: 'y' }, steps, 3)).toEqual({ version: 3, renamed: 'y', added: true });
  });

  it('refuses settings from a newer kiosk, without a version, or with a gap in the steps', () => {
    expect(() => migrateSettings({ version: SETTINGS_VERSION + 1 })).toThrow(SettingsMigrationError);
    expect(() => migrateSettings({ idle: 3 })).toThrow(/no valid version/);
    expect(() => migrateSettings([])).toThrow(/not an object/);
    expect(() => migrateSettings({ version: 1 }, {}, 2)).toThrow(/no migration from settings version 1/);
  });

  it('patches are strict: unknown keys and the version cannot be patched', () => {
    expect(SettingsPatchSchema.safeParse({ idleTimeoutSeconds: 120 }).success).toBe(true);
    expect(SettingsPatchSchema.safeParse({ version: 2 }).success).toBe(false);
    expect(SettingsPatchSchema.safeParse({ colour: 'red' }).success).toBe(false);
    expect(SettingsPatchSchema.safeParse({ idleTimeoutSeconds: 5 }).success).toBe(false);
    expect(SettingsPatchSchema.safeParse({ exhibits: [] }).success).toBe(false);
    expect(SettingsPatchSchema.safeParse({ exhibits: ['history', 'history'] }).success).toBe(false);
    expect(SettingsPatchSchema.safeParse({ timeZone: 'Nowhere/City' }).success).toBe(false);
  });
});
