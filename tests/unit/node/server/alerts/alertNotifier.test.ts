import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterEach, describe, expect, it } from 'vitest';
import { createAlertNotifier } from '../../../../../node/server/alerts/alertNotifier';
import type { AlertEvent } from '../../../../../node/server/alerts/evaluateAlerts';

const event: AlertEvent = {
  kind: 'kiosk_down',
  stationId: 'qhd',
  kioskId: 'smile-door',
  subject: '',
  since: Date.parse('2026-12-06T02:05:30Z'),
  at: Date.parse('2026-12-06T02:05:30Z'),
  detail: 'silent for 400 s',
  transition: 'raised',
};
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (closers.length) await closers.pop()?.();
});

async function webhook(status: number) {
  const got: unknown[] = [];
  const server = createServer((req, res) => {
    let s = '';
    req
      .on('data', (c) => (s += c))
      .on('end', () => {
        got.push(JSON.parse(s));
        res.writeHead(status).end();
      });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  closers.push(() => new Promise((r) => server.close(() => r())));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, got };
}

async function smtp() {
  const mails: string[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, _session, cb) {
      let s = '';
      stream
        .on('data', (c: Buffer) => (s += c.toString()))
        .on('end', () => {
          mails.push(s);
          cb();
        });
    },
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  closers.push(() => new Promise((r) => server.close(() => r())));
  return { port: (server.server.address() as AddressInfo).port, mails };
}

describe('alertNotifier', () => {
  it('posts the event as JSON to the webhook and mails it, once per call', async () => {
    const hook = await webhook(204);
    const mail = await smtp();
    const n = createAlertNotifier({
      webhookUrl: hook.url,
      smtp: {
        host: '127.0.0.1',
        port: mail.port,
        secure: false,
        user: null,
        password: null,
        from: 'fleet@station.example',
        to: ['ops@station.example'],
      },
    });
    closers.push(async () => n.close());
    const r = await n.deliver(event);
    expect(r).toEqual([
      { channel: 'webhook', ok: true, error: null },
      { channel: 'email', ok: true, error: null },
    ]);
    expect(hook.got).toEqual([
      expect.objectContaining({ kind: 'kiosk_down', kioskId: 'smile-door', transition: 'raised', at: '2026-12-06T02:05:30.000Z' }),
    ]);
    expect(mail.mails).toHaveLength(1);
    expect(mail.mails[0]).toContain('[qhd/smile-door] kiosk down at 2026-12-06T02:05:30.000Z: silent for 400 s');
  });

  it('reports a refusing webhook and an unreachable SMTP server with their reasons', async () => {
    const hook = await webhook(500);
    const n = createAlertNotifier(
      {
        webhookUrl: hook.url,
        smtp: {
          host: '127.0.0.1',
          port: 1,
          secure: false,
          user: null,
          password: null,
          from: 'fleet@station.example',
          to: ['ops@station.example'],
        },
      },
      { timeoutMs: 2_000 },
    );
    closers.push(async () => n.close());
    const r = await n.deliver({ ...event, transition: 'cleared' });
    expect(r[0]).toEqual({ channel: 'webhook', ok: false, error: 'the webhook answered 500' });
    expect(r[1]).toMatchObject({ channel: 'email', ok: false });
    expect(r[1]?.error).toMatch(/ECONNREFUSED|connect/i);
  });
});
