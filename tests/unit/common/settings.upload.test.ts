import { describe, expect, it } from 'vitest';
import {
  defaultSettings,
  isAllowedUploadUrl,
  migrateSettings,
  SettingsSchema,
  SettingsPatchSchema,
  SETTINGS_VERSION,
} from '../../../common/settings';

describe('upload settings (settings version 2)', () => {
  it('migrates a version 1 file by adding upload settings that are off', () => {
    const v1 = { ...defaultSettings('kiosk-ab12') } as Record<string, unknown>;
    delete v1.upload;
    v1.version = 1;
    const migrated = migrateSettings(v1);
    expect(SETTINGS_VERSION).toBe(2);
    expect(migrated.upload).toEqual({ url: null, intervalSeconds: 300, enabled: false });
    expect(SettingsSchema.parse(migrated)).toEqual(defaultSettings('kiosk-ab12'));
  });

  it('allows https anywhere and http only on the loopback', () => {
    expect(isAllowedUploadUrl('https://counts.example.org/v')).toBe(true);
    expect(isAllowedUploadUrl('http://127.0.0.1:8787')).toBe(true);
    expect(isAllowedUploadUrl('http://localhost:8787/x')).toBe(true);
    expect(isAllowedUploadUrl('http://[::1]:8787')).toBe(true);
    expect(isAllowedUploadUrl('http://192.168.1.5:8787')).toBe(false);
    expect(isAllowedUploadUrl('http://127.0.0.1.example.org')).toBe(false);
    expect(isAllowedUploadUrl('ftp://example.org')).toBe(false);
    expect(isAllowedUploadUrl('https://user:pw@example.org')).toBe(false);
    expect(isAllowedUploadUrl('not a url')).toBe(false);
  });

  it('patches check the interval bounds and never take a token', () => {
    expect(SettingsPatchSchema.safeParse({ upload: { url: null, intervalSeconds: 300, enabled: true } }).success).toBe(true);
    expect(SettingsPatchSchema.safeParse({ upload: { url: null, intervalSeconds: 5, enabled: true } }).success).toBe(false);
    expect(SettingsPatchSchema.safeParse({ upload: { url: null, intervalSeconds: 300, enabled: true, token: 'x' } }).success).toBe(false);
  });
});
