#!/usr/bin/env node
// `npm test`: lint, the formatter's check, type checks, unit and component tests (Vitest), the build, the Electronegativity scan, then
// end-to-end tests in Chromium (Playwright), then a short whole-kiosk soak (tests/soak/, SOAK_CI_MINUTES). Stops at the first
// failing stage and ends with one summary line `tests: N passed, N failed, N skipped` summed from both runners' JSON reports (skipped tests
// are listed apart and never counted as passed).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

// Not under test-results/: Playwright empties its output folder when it starts.
const reports = 'test-reports';
rmSync(reports, { recursive: true, force: true });
mkdirSync(reports, { recursive: true });
const vitestJson = join(reports, 'vitest.json');
const playwrightJson = join(reports, 'playwright.json');

const soakMinutes = Number(process.env.SOAK_CI_MINUTES ?? 15);
if (!(Number.isFinite(soakMinutes) && soakMinutes >= 0)) {
  console.error(`SOAK_CI_MINUTES must be a number of minutes (0 leaves the soak out), got "${process.env.SOAK_CI_MINUTES}"`);
  process.exit(64);
}

const stages = [
  ['lint', 'npx', ['eslint', '.']],
  // Prettier (.prettierrc.json): `npm run format` rewrites, this only checks.
  ['format', 'npx', ['prettier', '--check', '.']],
  ['typecheck', 'npm', ['run', '--silent', 'typecheck']],
  ['unit+component', 'npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestJson}`]],
  ['build', 'npm', ['run', '--silent', 'build']],
  // Electron misconfigurations in electron/ (offline, about half a minute; report in test-reports/electronegativity.json).
  ['electronegativity', 'node', ['scripts/scanElectron.mjs']],
  ['e2e', 'npx', ['playwright', 'test', '--reporter=list,json'], { PLAYWRIGHT_JSON_OUTPUT_NAME: playwrightJson }],
  // The whole-kiosk soak, short (SOAK_CI_MINUTES minutes, default 15; 0 leaves it out) and at a looser growth bound
  // than a long run's 10 % (SOAK_CI_BOUND, default 25 %): a leak that shows within minutes, or a smile count off the
  // walk-through videos' truth, fails here. Figures, heap snapshots and memory dumps in test-reports/soak/.
  ...(soakMinutes > 0
    ? [
        [
          'soak',
          'npx',
          [
            'tsx',
            'tests/soak/soak.ts',
            '--minutes',
            String(soakMinutes),
            '--bound',
            process.env.SOAK_CI_BOUND ?? '25',
            '--out',
            join(reports, 'soak'),
            // The renderer heap judged by its parts (V8's compiled code for the same functions is reported, not
            // bounded), and Chromium's per-allocator memory for the record.
            '--heap-snapshots',
            '--memory-dumps',
          ],
        ],
      ]
    : []),
];

const totals = { passed: 0, failed: 0, skipped: 0 };
function collect() {
  if (existsSync(vitestJson)) {
    const v = JSON.parse(readFileSync(vitestJson, 'utf8'));
    totals.passed += v.numPassedTests ?? 0;
    totals.failed += v.numFailedTests ?? 0;
    totals.skipped += (v.numPendingTests ?? 0) + (v.numTodoTests ?? 0);
  }
  if (existsSync(playwrightJson)) {
    const p = JSON.parse(readFileSync(playwrightJson, 'utf8'));
    totals.passed += (p.stats?.expected ?? 0) + (p.stats?.flaky ?? 0);
    totals.failed += p.stats?.unexpected ?? 0;
    totals.skipped += p.stats?.skipped ?? 0;
  }
}

let failedStage = null;
for (const [name, cmd, argv, env] of stages) {
  console.log(`\n=== ${name}: ${cmd} ${argv.join(' ')}`);
  const r = spawnSync(cmd, argv, { stdio: 'inherit', env: { ...process.env, ...(env ?? {}) } });
  if (r.status !== 0) {
    failedStage = name;
    break;
  }
}
collect();
if (failedStage && totals.failed === 0) totals.failed = 1; // a failing lint/typecheck/build stage counts as a failure
console.log(failedStage ? `\nstage failed: ${failedStage}` : '\nall stages passed');
console.log(`tests: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(failedStage ? 1 : 0);
