#!/usr/bin/env node
// The Electronegativity stage of `npm test` (https://github.com/doyensec/electronegativity): scans the main
// process and preload sources (electron/) for Electron misconfigurations. Every finding must be accepted, with a
// reason, in .electronegativity-accepted.json (matched by check id and file); a finding that is not accepted
// fails the stage, and so does an acceptance that no longer matches anything (so the list stays true).
// The full result goes to test-reports/electronegativity.json.
//
// WHY the TypeScript sources and not dist/electron/*.cjs: the scanner reads .js/.ts/.html files only, and in the
// esbuild bundle every `new BrowserWindow(...)` becomes `new import_electron.BrowserWindow(...)`, which its window
// checks do not recognise; on the bundle it also parses every bundled dependency (about a minute here).
//
// It runs offline: the library asks the network for translations and for Electron's release list (and would write
// that list into its own node_modules folder); both requests are answered "offline" at once by a stub of `got`.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const ACCEPTED_FILE = '.electronegativity-accepted.json';
export const REPORT_FILE = join('test-reports', 'electronegativity.json');
export const SCANNED = 'electron';

/** One finding in a stable, JSON-friendly shape. */
export function normalizeIssue(issue) {
  return {
    check: String(issue.id),
    file: String(issue.file),
    line: issue.location?.line ?? 0,
    column: issue.location?.column ?? 0,
    severity: issue.severity?.name ?? String(issue.severity ?? ''),
    confidence: issue.confidence?.name ?? String(issue.confidence ?? ''),
    manualReview: Boolean(issue.manualReview),
    description: String(issue.description ?? ''),
  };
}

/** Checks the acceptance list's shape: `{ accepted: [{ check, file, reason }] }` with a real reason for each. */
export function parseAccepted(json) {
  const list = json?.accepted;
  if (!Array.isArray(list)) throw new Error(`${ACCEPTED_FILE}: expected { "accepted": [...] }`);
  for (const [i, a] of list.entries()) {
    for (const key of ['check', 'file', 'reason']) {
      if (typeof a?.[key] !== 'string' || a[key].trim() === '')
        throw new Error(`${ACCEPTED_FILE}: accepted[${i}].${key} must be a non-empty string`);
    }
    if (a.reason.trim().length < 20) throw new Error(`${ACCEPTED_FILE}: accepted[${i}] (${a.check}) needs a reason that says why`);
  }
  return list;
}

/**
 * Splits findings into accepted and not accepted, and lists acceptances that match no finding.
 * A finding is accepted when an entry has its check id and file.
 */
export function filterFindings(findings, accepted) {
  const matches = (a, f) => a.check === f.check && a.file === f.file;
  return {
    unaccepted: findings.filter((f) => !accepted.some((a) => matches(a, f))),
    accepted: findings.filter((f) => accepted.some((a) => matches(a, f))),
    stale: accepted.filter((a) => !findings.some((f) => matches(a, f))),
  };
}

/** The stage's verdict and the lines it prints. */
export function verdict(findings, accepted) {
  const r = filterFindings(findings, accepted);
  const lines = [`electronegativity: ${findings.length} finding(s), ${r.accepted.length} accepted, ${r.unaccepted.length} not accepted`];
  for (const f of r.unaccepted)
    lines.push(`  NOT ACCEPTED ${f.check} ${f.file}:${f.line}:${f.column} ${f.severity}/${f.confidence} ${f.description}`);
  for (const a of r.stale) lines.push(`  STALE ACCEPTANCE ${a.check} ${a.file}: no such finding any more, remove it from ${ACCEPTED_FILE}`);
  return { ok: r.unaccepted.length === 0 && r.stale.length === 0, lines, ...r };
}

/** Runs Electronegativity on `input` without network access and returns its normalized findings and parse errors. */
export async function scan(input, { electronVersion }) {
  const require = createRequire(import.meta.url);
  const runnerPath = require.resolve('@doyensec/electronegativity');
  const gotPath = createRequire(runnerPath).resolve('got');
  if (!require.cache[gotPath]) {
    const offline = () => Promise.reject(new Error('offline: scripts/scanElectron.mjs makes no network requests'));
    offline.head = offline;
    const stub = new Module(gotPath);
    stub.exports = offline;
    stub.loaded = true;
    require.cache[gotPath] = stub;
  }
  // Its messages come from bundled en-US strings; another LANG would make it look for a download.
  process.env.LANG = 'en-US';
  const run = require(runnerPath);
  const log = [];
  const original = console.log;
  console.log = (...args) => log.push(args.join(' '));
  try {
    const result = await run(
      {
        input: resolve(input),
        isRelative: true,
        electronVersionOverride: electronVersion,
        customScan: [],
        excludeFromScan: [],
        parserPlugins: [],
      },
      false,
    );
    return {
      findings: result.issues.map(normalizeIssue),
      errors: result.errors.map((e) => ({ file: e.file, message: e.message, tolerable: Boolean(e.tolerable) })),
      checks: result.atomicChecks + result.globalChecks,
      log,
    };
  } finally {
    console.log = original;
  }
}

async function main() {
  const root = join(dirname(fileURLToPath(import.meta.url)), '..');
  process.chdir(root);
  const electronVersion = createRequire(import.meta.url)('electron/package.json').version;
  const accepted = parseAccepted(JSON.parse(readFileSync(ACCEPTED_FILE, 'utf8')));
  const started = Date.now();
  const result = await scan(SCANNED, { electronVersion });
  const v = verdict(result.findings, accepted);
  mkdirSync(dirname(REPORT_FILE), { recursive: true });
  writeFileSync(
    REPORT_FILE,
    `${JSON.stringify({ scanned: SCANNED, electronVersion, ms: Date.now() - started, ...result, unaccepted: v.unaccepted, stale: v.stale }, null, 2)}\n`,
  );
  for (const line of v.lines) console.log(line);
  // A file it could not parse is a file it did not check.
  const fatal = result.errors.filter((e) => !e.tolerable);
  for (const e of fatal) console.log(`  PARSE ERROR ${e.file}: ${e.message}`);
  console.log(`  ${result.checks} checks on ${SCANNED}/ with Electron ${electronVersion}; full report ${REPORT_FILE}`);
  return v.ok && fatal.length === 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  process.exitCode = (await main()) ? 0 : 1;
}
