import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { app, protocol, resetElectronMock } from '../../../mocks/electron';
import { handleAppProtocol, registerAppScheme, serveAppRequest } from '../../../../electron/main/appProtocol';
import { CONTENT_SECURITY_POLICY } from '../../../../node/kiosk/csp';
import { makeTempDir } from '../../../fixtures/tempDir';

vi.mock('electron', () => import('../../../mocks/electron'));

const tmp = makeTempDir('kiosk-protocol-');
const rendererDir = join(tmp.dir, 'renderer');
const packDir = join(tmp.dir, 'pack');
mkdirSync(join(rendererDir, 'assets'), { recursive: true });
mkdirSync(join(packDir, 'audio'), { recursive: true });
writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>kiosk</title>');
writeFileSync(join(rendererDir, 'assets', 'app.js'), 'console.log(1)');
writeFileSync(join(rendererDir, '.secret'), 'hidden');
writeFileSync(join(packDir, 'audio', 'story.mp3'), Buffer.from('0123456789'));
writeFileSync(join(tmp.dir, 'outside.txt'), 'outside');
afterAll(() => tmp.cleanup());

const get = (url: string, headers: Record<string, string> = {}, method = 'GET'): Request => new Request(url, { method, headers });
const withPack = { rendererDir, packDir: () => packDir };
const noPack = { rendererDir, packDir: () => null };

describe('app:// protocol', () => {
  beforeEach(() => resetElectronMock());

  it('registers app as a standard, secure, fetch- and stream-capable scheme before ready', () => {
    registerAppScheme();
    expect(protocol.privileged).toEqual([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true } },
      { scheme: 'kiosk-print', privileges: { standard: true, secure: true } },
    ]);
  });

  it('installs the handler after ready', async () => {
    expect(() => handleAppProtocol(noPack)).toThrow(/after app is ready/);
    await app.whenReady();
    handleAppProtocol(noPack);
    const res = await protocol.handlers.get('app')!(get('app://kiosk/'));
    expect(res.status).toBe(200);
  });

  it('serves index.html for / with the CSP and the right type', async () => {
    const res = serveAppRequest(get('app://kiosk/'), noPack);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(res.headers.get('content-security-policy')).toContain("'wasm-unsafe-eval'");
    expect(res.headers.get('content-security-policy')).not.toMatch(/'unsafe-eval'|'unsafe-inline'/);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await res.text()).toContain('<title>kiosk</title>');
  });

  it('serves assets with their content type', async () => {
    const res = serveAppRequest(get('app://kiosk/assets/app.js?v=1'), noPack);
    expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await res.text()).toBe('console.log(1)');
  });

  it('answers 404 for missing, hidden and escaping paths, and for other hosts', () => {
    for (const url of [
      'app://kiosk/nope.js',
      'app://kiosk/.secret',
      'app://kiosk/..%2foutside.txt',
      'app://kiosk/%2e%2e/outside.txt',
      'app://kiosk/assets/..%5c..%5coutside.txt',
      'app://evil/index.html',
      'app://kiosk:8080/index.html',
    ]) {
      expect(serveAppRequest(get(url), noPack).status, url).toBe(404);
    }
  });

  it('refuses methods other than GET and HEAD', () => {
    expect(serveAppRequest(new Request('app://kiosk/', { method: 'POST', body: 'x' }), noPack).status).toBe(405);
    const head = serveAppRequest(get('app://kiosk/', {}, 'HEAD'), noPack);
    expect(head.status).toBe(200);
    expect(head.body).toBeNull();
  });

  it('serves /pack/ from the active pack, and 404 while there is none', async () => {
    const res = serveAppRequest(get('app://kiosk/pack/audio/story.mp3'), withPack);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('audio/mpeg');
    expect(await res.text()).toBe('0123456789');
    expect(serveAppRequest(get('app://kiosk/pack/audio/story.mp3'), noPack).status).toBe(404);
    expect(serveAppRequest(get('app://kiosk/pack/'), withPack).status).toBe(404);
    expect(serveAppRequest(get('app://kiosk/pack/../outside.txt'), withPack).status).toBe(404);
    expect(serveAppRequest(get('app://kiosk/pack/%2e%2e/outside.txt'), withPack).status).toBe(404);
  });

  it('answers byte ranges (media seeking)', async () => {
    const part = serveAppRequest(get('app://kiosk/pack/audio/story.mp3', { Range: 'bytes=2-5' }), withPack);
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe('bytes 2-5/10');
    expect(part.headers.get('content-length')).toBe('4');
    expect(await part.text()).toBe('2345');
    const open = serveAppRequest(get('app://kiosk/pack/audio/story.mp3', { Range: 'bytes=7-' }), withPack);
    expect(await open.text()).toBe('789');
    const suffix = serveAppRequest(get('app://kiosk/pack/audio/story.mp3', { Range: 'bytes=-3' }), withPack);
    expect(await suffix.text()).toBe('789');
    const bad = serveAppRequest(get('app://kiosk/pack/audio/story.mp3', { Range: 'bytes=20-30' }), withPack);
    expect(bad.status).toBe(416);
    expect(bad.headers.get('content-range')).toBe('bytes */10');
    // The same answer as the web host's (both from rangeReply): the security headers and Accept-Ranges, no body.
    expect(bad.headers.get('content-security-policy')).toBeTruthy();
    expect(bad.headers.get('accept-ranges')).toBe('bytes');
    expect(await bad.text()).toBe('');
  });
});
