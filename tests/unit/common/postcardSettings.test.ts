import { describe, expect, it } from 'vitest';
import { EXHIBIT_CONFIG } from '../../../common/exhibitConfig';
import { mmToPt, POSTCARD_SETTINGS_DEFAULT, PostcardSettingsSchema } from '../../../common/postcardSettings';

const withTakeaway = (t: Partial<(typeof POSTCARD_SETTINGS_DEFAULT)['takeaway']>) => ({
  ...POSTCARD_SETTINGS_DEFAULT,
  takeaway: { ...POSTCARD_SETTINGS_DEFAULT.takeaway, ...t },
});

describe('postcard settings', () => {
  it('has valid defaults, stored as the exhibit-config key "postcard"', () => {
    expect(PostcardSettingsSchema.parse(POSTCARD_SETTINGS_DEFAULT)).toEqual(POSTCARD_SETTINGS_DEFAULT);
    expect(EXHIBIT_CONFIG.postcard.default).toEqual(POSTCARD_SETTINGS_DEFAULT);
    expect(POSTCARD_SETTINGS_DEFAULT).toMatchObject({ expiryHours: 24, pageSize: { widthMm: 148, heightMm: 100 } });
  });

  it('accepts http(s) public base URLs and drops a trailing slash', () => {
    for (const [url, out] of [
      ['https://wifi.example.cn/kiosk/', 'https://wifi.example.cn/kiosk'],
      ['http://192.168.4.1:8780', 'http://192.168.4.1:8780'],
      ['http://[fd00::1]:80/', 'http://[fd00::1]:80'],
    ]) {
      expect(PostcardSettingsSchema.parse(withTakeaway({ publicBaseUrl: url })).takeaway.publicBaseUrl).toBe(out);
    }
  });

  it('refuses other schemes, queries, credentials, bad ports and interfaces', () => {
    for (const publicBaseUrl of ['ftp://x', 'javascript:alert(1)', 'https://a.cn/?q=1', 'https://u:p@a.cn', 'https://a.cn/#x', 'a.cn']) {
      expect(PostcardSettingsSchema.safeParse(withTakeaway({ publicBaseUrl })).success).toBe(false);
    }
    expect(PostcardSettingsSchema.safeParse(withTakeaway({ port: 80 })).success).toBe(false);
    expect(PostcardSettingsSchema.safeParse(withTakeaway({ interface: 'wlan0; rm -rf /' })).success).toBe(false);
    expect(PostcardSettingsSchema.safeParse({ ...POSTCARD_SETTINGS_DEFAULT, expiryHours: 0 }).success).toBe(false);
    expect(PostcardSettingsSchema.safeParse({ ...POSTCARD_SETTINGS_DEFAULT, printLimit: -1 }).success).toBe(false);
  });

  it('converts millimetres to PDF points', () => {
    expect(mmToPt(148)).toBeCloseTo(419.53, 2);
    expect(mmToPt(100)).toBeCloseTo(283.46, 2);
  });
});
