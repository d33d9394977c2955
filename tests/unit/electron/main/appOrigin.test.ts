import { describe, expect, it } from 'vitest';
import { APP_URL, isAppOrigin, isSameOrigin, maintenanceUrl } from '../../../../electron/main/appOrigin';

describe('app origin', () => {
  it('accepts app://kiosk URLs, any path and query', () => {
    for (const url of [APP_URL, 'app://kiosk', 'app://kiosk/index.html?x=1#y', 'app://KIOSK/assets/a.js'])
      expect(isAppOrigin(url)).toBe(true);
  });

  it('refuses look-alikes and other origins', () => {
    for (const url of [
      'app://kiosk.evil/',
      'app://evil/',
      'app://kiosk@evil.com/',
      'app://kiosk:1/',
      'app:kiosk/',
      'app:///kiosk',
      'http://kiosk/',
      'app://kiosk%2e/',
      'not a url',
      '',
    ]) {
      expect(isAppOrigin(url), url).toBe(false);
    }
  });

  it('compares http origins field by field too', () => {
    expect(isSameOrigin('http://127.0.0.1:5173/x', 'http://127.0.0.1:5173')).toBe(true);
    expect(isSameOrigin('http://127.0.0.1:5174/x', 'http://127.0.0.1:5173')).toBe(false);
    expect(isSameOrigin('https://127.0.0.1:5173/x', 'http://127.0.0.1:5173')).toBe(false);
  });

  it('builds the maintenance URL on the app origin with the reason in the query string', () => {
    const url = new URL(maintenanceUrl('crash-loop', 'renderer-oom (5 restarts)'));
    expect(isAppOrigin(url.href)).toBe(true);
    expect(url.pathname).toBe('/maintenance.html');
    expect(url.searchParams.get('reason')).toBe('crash-loop');
    expect(url.searchParams.get('detail')).toBe('renderer-oom (5 restarts)');
    expect(new URL(maintenanceUrl('x', 'y'.repeat(1000))).searchParams.get('detail')).toHaveLength(300);
  });
});
