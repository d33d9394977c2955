import { describe, expect, it } from 'vitest';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { contentTypeOf, parseByteRange, resolveStaticFile } from '../../../../node/kiosk/staticFiles';
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
      for (const bad of [
        '/../outside.txt',
        '/%2e%2e/outside.txt',
        '/assets/..%2f..%2foutside.txt',
        '/..\\outside.txt',
        '/.env',
        '/assets',
        '/nope.js',
        '/%00',
        '/%E0%A4%A',
      ]) {
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

describe('parseByteRange', () => {
  it('reads single byte ranges and refuses unsatisfiable ones', () => {
    expect(parseByteRange(undefined, 100)).toBeNull();
    expect(parseByteRange('bytes=-', 100)).toBeNull();
    expect(parseByteRange('bytes=0-9,20-29', 100)).toBeNull(); // multiple ranges: serve the whole file
    expect(parseByteRange('bytes=10-19', 100)).toEqual({ start: 10, end: 19 });
    expect(parseByteRange('bytes=90-', 100)).toEqual({ start: 90, end: 99 });
    expect(parseByteRange('bytes=90-500', 100)).toEqual({ start: 90, end: 99 });
    expect(parseByteRange('bytes=-30', 100)).toEqual({ start: 70, end: 99 });
    expect(parseByteRange('bytes=100-', 100)).toBe('unsatisfiable');
    expect(parseByteRange('bytes=20-10', 100)).toBe('unsatisfiable');
  });
});
