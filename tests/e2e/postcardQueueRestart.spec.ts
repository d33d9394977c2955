import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeJpeg } from '../fixtures/postcards/cardImages';
import { useFakeCups } from './fakeCups';
import { enterPin, expect, openOperatorPad, PIN, shot, test, type KioskHost } from './fixtures';

/**
 * The print queue survives a restart of the web host (SQLite, migration 5). A fake CUPS (lp and
 * lpstat on PATH, as in postcardOperator.spec.ts) holds the first page "in the printer" while the
 * host is stopped: after the restart that page is reported as interrupted (not printed again),
 * the page queued behind it prints, and the operator sees both in the queue, then reprints the
 * interrupted one from the queue (behind the PIN): one more page to lp, the old job kept as history.
 */
const fakeCups = useFakeCups({
  lpstat: [
    'case "$1" in',
    '  -p) printf "printer SELPHY is idle.  enabled since Mon 23 Nov 2026\\n" ;;',
    '  -d) echo "system default destination: SELPHY" ;;',
    // While the state file says busy, every job sent so far is still in the printer's queue.
    '  -o) [ "$(cat "$FAKE_CUPS_DIR/state")" = busy ] && sed -n "s/^/SELPHY-/p" "$FAKE_CUPS_DIR/ids" | sed "s/$/ kiosk 1024 Mon 23 Nov 2026/" ;;',
    'esac',
    'exit 0',
  ].join('\n'),
  lp: [
    'n=$(($(wc -l < "$FAKE_CUPS_DIR/ids") + 1))',
    'echo "$n" >> "$FAKE_CUPS_DIR/ids"',
    'printf "%s\\n" "$*" >> "$FAKE_CUPS_DIR/lp.log"',
    'echo "request id is SELPHY-$n (1 file(s))"',
  ].join('\n'),
  cancel: 'printf "%s\\n" "$*" >> "$FAKE_CUPS_DIR/cancel.log"',
});
let cups: string;
test.beforeEach(async ({ host }) => {
  cups = fakeCups.dir();
  writeFileSync(join(cups, 'state'), 'busy');
  writeFileSync(join(cups, 'ids'), '');
  writeFileSync(join(cups, 'lp.log'), '');
  await host.setPin();
});

async function call<T>(host: KioskHost, method: string, payload: unknown, token?: string): Promise<T> {
  const r = await host.api(method, payload, token);
  expect(r.ok, `${method}: ${JSON.stringify(r)}`).toBe(true);
  return r.value as T;
}

test('a restart while a card is printing: that page is reported interrupted, the next one prints, the operator sees both and reprints the first once', async ({
  page,
  host,
  openKiosk,
}) => {
  test.slow();
  const session = await call<{ token: string }>(host, 'unlockOperator', { pin: PIN });
  const config = await call<{ value: Record<string, unknown> }>(host, 'getExhibitConfig', { key: 'postcard' });
  await call(
    host,
    'setExhibitConfig',
    { key: 'postcard', value: { ...config.value, printerName: 'SELPHY', printLimit: 2 } },
    session.token,
  );

  // A visitor's card, printed twice: the first page stays in the (fake) printer, the second waits.
  const link = await call<{ token: string; printsLeft: number }>(host, 'savePostcard', {
    imageBase64: makeJpeg(1748, 1181).toString('base64'),
    mime: 'image/jpeg',
  });
  expect(link.printsLeft).toBe(2);
  const first = await call<{ id: string; printsLeft: number }>(host, 'printPostcard', { token: link.token });
  const second = await call<{ id: string; printsLeft: number }>(host, 'printPostcard', { token: link.token });
  expect([first.printsLeft, second.printsLeft]).toEqual([1, 0]);
  await expect
    .poll(async () => (await call<{ status: string }>(host, 'getPrintStatus', { jobId: first.id })).status, { timeout: 15_000 })
    .toBe('printing');
  expect((await call<{ status: string }>(host, 'getPrintStatus', { jobId: second.id })).status).toBe('queued');

  // The kiosk goes down with the page in the printer; the printer then empties its queue.
  await host.restart();
  writeFileSync(join(cups, 'state'), 'ok');

  expect(await call(host, 'getPrintStatus', { jobId: first.id })).toMatchObject({ status: 'failed', reason: 'interrupted', printsLeft: 0 });
  await expect
    .poll(async () => (await call<{ status: string }>(host, 'getPrintStatus', { jobId: second.id })).status, { timeout: 15_000 })
    .toBe('done');
  // Sent to lp once each: the interrupted page was not sent again.
  expect(readFileSync(join(cups, 'lp.log'), 'utf8').trim().split('\n')).toHaveLength(2);
  // The service still holds the limit: both prints are counted.
  const refused = await host.api('printPostcard', { token: link.token });
  expect(refused).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });

  await openKiosk();
  await openOperatorPad(page);
  await enterPin(page, PIN);
  await page.getByTestId('tab-exhibits').click();
  const panel = page.getByTestId('exhibit-settings-postcard');
  const jobs = panel.getByTestId('postcard-job');
  await expect(jobs).toHaveCount(2);
  await expect(jobs.nth(0)).toHaveAttribute('data-status', 'done');
  await expect(jobs.nth(1)).toHaveAttribute('data-status', 'failed');
  await expect(jobs.nth(1)).toContainText('失败 · 打印中本机重启，不确定是否打出，请查看出纸口');
  await jobs.nth(1).scrollIntoViewIfNeeded();
  await shot(page, 'postcard-queue-after-restart');

  // The operator checked the tray (nothing came out) and reprints it: one more page, a new job, the old one kept.
  await expect(jobs.nth(0).getByTestId('postcard-reprint')).toHaveCount(0); // a done page has no Reprint
  const reprint = jobs.nth(1).getByTestId('postcard-reprint');
  await expect(reprint).toBeEnabled();
  await reprint.dblclick(); // a double tap prints one card
  await expect(panel.getByTestId('postcard-queue-message')).toHaveText('已加入队列重新打印');
  await expect(jobs).toHaveCount(3);
  await expect(jobs.nth(0)).toHaveAttribute('data-status', 'done', { timeout: 15_000 });
  await expect(jobs.nth(0)).toContainText('明信片 · 补打');
  const again = await jobs.nth(0).getAttribute('data-id');
  const lp = readFileSync(join(cups, 'lp.log'), 'utf8').trim().split('\n');
  expect(lp).toHaveLength(3);
  expect(lp[2]).toContain(`-${again}.pdf`);
  // The interrupted job stays as history, and cannot be reprinted again.
  const old = panel.locator(`[data-testid="postcard-job"][data-id="${first.id}"]`);
  await expect(old).toHaveAttribute('data-status', 'failed');
  await expect(old.getByTestId('postcard-reprint')).toBeDisabled();
  await expect(old.getByTestId('postcard-reprint-blocked')).toHaveText('已重新打印过');
  const after = await call<{ token: string }>(host, 'unlockOperator', { pin: PIN }); // sessions do not outlive the restart
  expect(await host.api('reprintPrintJob', { jobId: first.id }, after.token)).toMatchObject({
    ok: false,
    error: { code: 'CONFLICT', reason: 'already_reprinted' },
  });
  // Behind the PIN only, and the visitor's allowance is untouched: still none left, still refused.
  expect(await host.api('reprintPrintJob', { jobId: first.id })).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
  expect(await call(host, 'getPrintStatus', { jobId: again })).toMatchObject({ status: 'done', printsLeft: 0 });
  expect(await host.api('printPostcard', { token: link.token })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
  await old.scrollIntoViewIfNeeded();
  await shot(page, 'postcard-queue-reprinted');
});
