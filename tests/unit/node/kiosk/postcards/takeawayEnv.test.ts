import { describe, expect, it } from 'vitest';
import { takeawayOverridesFromEnv } from '../../../../../node/kiosk/postcards/takeawayEnv';

describe('takeawayOverridesFromEnv', () => {
  it('is empty without the variables, so the operator settings apply', () => {
    expect(takeawayOverridesFromEnv({})).toEqual({});
    expect(takeawayOverridesFromEnv({ KIOSK_TAKEAWAY_HOST: ' ', KIOSK_TAKEAWAY_PORT: '' })).toEqual({});
  });

  it('reads an IP literal and a port, 0 meaning any free port', () => {
    expect(takeawayOverridesFromEnv({ KIOSK_TAKEAWAY_HOST: '127.0.0.1', KIOSK_TAKEAWAY_PORT: '0' })).toEqual({
      host: '127.0.0.1',
      port: 0,
    });
    expect(takeawayOverridesFromEnv({ KIOSK_TAKEAWAY_HOST: '::1', KIOSK_TAKEAWAY_PORT: '8780' })).toEqual({ host: '::1', port: 8780 });
  });

  it('refuses a host name or a bad port instead of ignoring it', () => {
    expect(() => takeawayOverridesFromEnv({ KIOSK_TAKEAWAY_HOST: 'wlan0' })).toThrow(/KIOSK_TAKEAWAY_HOST must be an IP address/);
    expect(() => takeawayOverridesFromEnv({ KIOSK_TAKEAWAY_PORT: '80a' })).toThrow(/KIOSK_TAKEAWAY_PORT/);
    expect(() => takeawayOverridesFromEnv({ KIOSK_TAKEAWAY_PORT: '70000' })).toThrow(/0-65535/);
    expect(() => takeawayOverridesFromEnv({ KIOSK_TAKEAWAY_PORT: '-1' })).toThrow(/KIOSK_TAKEAWAY_PORT/);
  });
});
