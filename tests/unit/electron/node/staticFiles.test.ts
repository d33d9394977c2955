import { describe, expect, it } from 'vitest';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { contentTypeOf, resolveStaticFile } from '../../../../electron/node/staticFiles';
import { makeTempDir } from '../../../fixtures/tempDir';

describe('static files', () => {
  it('serves files inside the root and refuses everything that tries to leave it', () => {
    const t = makeTempDir();
    try {
      const root = join(t.dir, 'renderer');
      mkdirSync(join(root, 'assets'), { recursive: true });
      writeFileSync(join(root, 'index.html'), '<!doctype html>');
      writeFileSync(join(root, 'assets', 'a.js'), '');
      writeFileSync(join(root, '.env'), 'SECRET=1');
      writeFileSync(join(t.dir, 'outside.txt'), 'no');
      expect(resolveStaticFile(root, '/')).toBe(join(root, 'index.html'));
      expect(resolveStaticFile(root, '/assets/a.js?v=1')).toBe(join(root, 'assets', 'a.js'));
      for (const bad of ['/../outside.txt', '/%2e%2e/outside.txt', '/assets/..%2f..%2foutside.txt', '/..\\outside.txt', '/.env', '/assets', '/nope.js', '/%00', '/%E0%A4%A']) {
        expect(resolveStaticFile(root, bad), bad).toBeNull();
      }
    } finally {
      t.cleanup();
    }
  });
  it('knows the types the kiosk serves', () => {
    expect(contentTypeOf('x.wasm')).toBe('application/wasm');
    expect(contentTypeOf('x.JS')).toMatch(/javascript/);
    expect(contentTypeOf('x.unknown')).toBe('application/octet-stream');
  });
});
