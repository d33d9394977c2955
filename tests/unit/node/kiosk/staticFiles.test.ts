import { describe, expect, it } from 'vitest';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { contentTypeOf, parseByteRange, rangeReply, resolveStaticFile } from '../../../../node/kiosk/staticFiles';
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

describe('rangeReply', () => {
  it('answers the whole file with its length when no single range is asked', () => {
    expect(rangeReply(undefined, 100)).toEqual({ status: 200, headers: { 'Content-Length': '100' }, span: { start: 0, end: 99 } });
    expect(rangeReply('bytes=0-9,20-29', 100).status).toBe(200);
  });

  it('answers a range with 206, its Content-Range and its own length', () => {
    expect(rangeReply('bytes=10-19', 100)).toEqual({
      status: 206,
      headers: { 'Content-Range': 'bytes 10-19/100', 'Content-Length': '10' },
      span: { start: 10, end: 19 },
    });
    expect(rangeReply('bytes=-30', 100).headers['Content-Range']).toBe('bytes 70-99/100');
  });

  it('answers a range past the end with 416, the size and nothing to send', () => {
    expect(rangeReply('bytes=100-', 100)).toEqual({
      status: 416,
      headers: { 'Content-Range': 'bytes */100', 'Content-Length': '0' },
      span: null,
    });
  });

  it('sends nothing for an empty file', () => {
    expect(rangeReply(null, 0)).toEqual({ status: 200, headers: { 'Content-Length': '0' }, span: null });
    expect(rangeReply('bytes=0-', 0).status).toBe(416);
  });
});
