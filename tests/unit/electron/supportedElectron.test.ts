import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

/**
 * The Electron the kiosk declares (package.json) and installs must be a major that Electron still
 * supports, according to the committed table electron/supportedElectron.json. The table's age is not
 * checked against the clock (a test must not fail just because time passes); keeping it current is the
 * policy written in the README, and the table says when it was read.
 */
const table = JSON.parse(readFileSync('electron/supportedElectron.json', 'utf8')) as {
  source: string;
  checked: string;
  supportedMajors: number[];
};
const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { devDependencies: Record<string, string> };
const installed = (createRequire(import.meta.url)('electron/package.json') as { version: string }).version;

const majorOf = (version: string): number => Number(/^(\d+)\.\d+\.\d+/.exec(version)?.[1] ?? NaN);

describe('supported Electron', () => {
  it('names its source and the day it was read (a real, past calendar date)', () => {
    expect(table.source).toBe('https://releases.electronjs.org/schedule');
    expect(table.checked).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const day = new Date(`${table.checked}T00:00:00Z`);
    expect(day.toISOString().slice(0, 10)).toBe(table.checked);
    expect(day.getTime()).toBeLessThanOrEqual(Date.now());
    expect(table.supportedMajors.length).toBeGreaterThan(0);
    expect(table.supportedMajors.every((m) => Number.isInteger(m) && m > 0)).toBe(true);
  });

  it('the declared electron is pinned to an exact version of a supported major', () => {
    const declared = pkg.devDependencies.electron ?? '';
    expect(declared).toMatch(/^\d+\.\d+\.\d+$/);
    expect(table.supportedMajors).toContain(majorOf(declared));
  });

  it('the installed electron package is the declared one', () => {
    expect(installed).toBe(pkg.devDependencies.electron);
    expect(table.supportedMajors).toContain(majorOf(installed));
  });
});
