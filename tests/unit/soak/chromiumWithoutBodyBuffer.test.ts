import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';

const WRAPPER = resolve('tests/soak/chromiumWithoutBodyBuffer.mjs');
const ECHO = resolve('tests/fixtures/soak/echoPipe.mjs');

/** Runs the wrapper around the echoing stand-in, writes `input` to its descriptor 3, returns what comes back on 4. */
async function relay(
  input: string[],
  env: Record<string, string> = {},
): Promise<{ messages: string[]; stdout: string; code: number | null }> {
  const child = spawn(process.execPath, [WRAPPER, '--remote-debugging-pipe', '--headless'], {
    env: { ...process.env, SOAK_CHROMIUM: ECHO, ...env },
    stdio: ['ignore', 'pipe', 'pipe', 'pipe', 'pipe'],
  });
  const back: Buffer[] = [];
  (child.stdio[4] as Readable).on('data', (b: Buffer) => back.push(b));
  let stdout = '';
  child.stdout!.on('data', (b: Buffer) => (stdout += b.toString()));
  // Split mid-message, as a pipe may deliver it.
  const bytes = input.map((m) => m + '\0').join('');
  const to = child.stdio[3] as Writable;
  to.write(bytes.slice(0, 7));
  to.end(bytes.slice(7));
  const code = await new Promise<number | null>((done) => child.on('exit', done));
  const messages = Buffer.concat(back).toString().split('\0');
  return { messages: messages.slice(0, -1), stdout, code };
}

describe('chromiumWithoutBodyBuffer', () => {
  it('asks every Network.enable for no kept bodies and passes everything else through unchanged', async () => {
    const other = JSON.stringify({ id: 1, method: 'Target.setAutoAttach', params: { autoAttach: true, note: 'Network.enable' } });
    const enable = JSON.stringify({ id: 2, method: 'Network.enable', sessionId: 'S1' });
    const enableWithParams = JSON.stringify({ id: 3, method: 'Network.enable', params: { maxPostDataSize: 10 } });
    const { messages, stdout, code } = await relay([other, enable, enableWithParams]);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual(['--remote-debugging-pipe', '--headless']);
    expect(messages[0]).toBe(other);
    expect(JSON.parse(messages[1]!)).toEqual({
      id: 2,
      method: 'Network.enable',
      sessionId: 'S1',
      params: { maxTotalBufferSize: 0, maxResourceBufferSize: 0 },
    });
    expect(JSON.parse(messages[2]!).params).toEqual({ maxPostDataSize: 10, maxTotalBufferSize: 0, maxResourceBufferSize: 0 });
    expect(messages).toHaveLength(3);
  });

  it('with the Network domain off, answers Network.enable itself and passes nothing of it on', async () => {
    const other = JSON.stringify({ id: 1, method: 'Page.enable', sessionId: 'S1' });
    const enable = JSON.stringify({ id: 2, method: 'Network.enable', sessionId: 'S1', params: { maxPostDataSize: 10 } });
    const browserLevel = JSON.stringify({ id: 3, method: 'Network.enable' });
    const last = JSON.stringify({ id: 4, method: 'Runtime.enable', params: { text: 'x'.repeat(70_000) } });
    const { messages, code } = await relay([other, enable, browserLevel, last], { SOAK_DEVTOOLS_NETWORK: 'off' });
    expect(code).toBe(0);
    // The echo sends back what reached it (Page.enable, Runtime.enable), whole, around the two answers made here.
    expect(messages.map((m) => JSON.parse(m) as unknown).sort((a, b) => (a as { id: number }).id - (b as { id: number }).id)).toEqual([
      JSON.parse(other),
      { id: 2, result: {}, sessionId: 'S1' },
      { id: 3, result: {} },
      JSON.parse(last),
    ]);
  });

  it('refuses to start without the real executable named', async () => {
    const child = spawn(process.execPath, [WRAPPER], {
      env: { ...process.env, SOAK_CHROMIUM: '' },
      stdio: ['ignore', 'ignore', 'pipe', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr!.on('data', (b: Buffer) => (stderr += b.toString()));
    expect(await new Promise((done) => child.on('exit', done))).toBe(2);
    expect(stderr).toMatch(/SOAK_CHROMIUM/);
  });
});
