import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fillAssets, writePackZip } from '../packs/buildPack';
import { ensureDataPaths, resolveDataDir } from '../dataDir';
import { PackError, formatProblem, type PackProblem } from '../packs/packProblem';
import { defaultDemoPackDir } from '../packs/packLocations';
import { createPackStore } from '../packs/packStore';
import { readZip } from '../packs/readZip';
import { validatePack, type PackReport } from '../packs/validatePack';

/**
 * The exhibit designers' command line (resources/packs/GUIDE.md):
 *   npm run pack -- validate <dir|zip> [--json]   every problem at once; exit 1 when there is any
 *   npm run pack -- build <dir> [--out file.zip]  fills sizes and checksums into the manifest, writes the zip
 *   npm run pack -- install <zip|dir>             installs into this PC's kiosk data folder and activates it
 *   npm run pack -- preview <dir> [--port N]      runs the web host on the folder without installing it
 * Exit codes: 0 fine, 1 the pack has problems, 2 usage error.
 */
const USAGE = `usage: npm run pack -- <command>
  validate <dir|zip> [--json]     check a pack, list every problem
  build <dir> [--out file.zip]    fill in sizes and checksums, write the zip
  install <zip|dir>               install into the kiosk data folder (KIOSK_DATA_DIR or the platform folder)
  preview <dir> [--port N]        run the kiosk's web host on a pack folder without installing it`;

const quiet = { info() {}, warn() {}, error() {} };
const out = (line = ''): void => void process.stdout.write(`${line}\n`);
const err = (line: string): void => void process.stderr.write(`${line}\n`);

function printProblems(problems: PackProblem[], warnings: PackProblem[] = []): void {
  if (problems.length) {
    err(`✖ ${problems.length} problem${problems.length === 1 ? '' : 's'}:`);
    for (const p of problems) err(`  ${formatProblem(p)}`);
  }
  for (const w of warnings) err(`  warning: ${formatProblem(w)}`);
}

/** Validates a folder, or a zip extracted into a temporary staging folder (removed afterwards). */
async function validateSource(source: string): Promise<PackReport> {
  if (statSync(source).isDirectory()) return validatePack(source);
  const tmp = mkdtempSync(join(tmpdir(), 'pack-validate-'));
  try {
    await readZip(source, join(tmp, 'staging'));
    return await validatePack(join(tmp, 'staging'));
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  if (i < 0) return undefined;
  const value = args[i + 1];
  args.splice(i, 2);
  return value;
}

async function run(argv: string[]): Promise<number> {
  const args = [...argv];
  const json = args.includes('--json');
  if (json) args.splice(args.indexOf('--json'), 1);
  const outFile = option(args, '--out');
  const port = option(args, '--port');
  const [command, target, ...rest] = args;
  if (!command || !target || rest.length || command === 'help') {
    err(USAGE);
    return 2;
  }
  const source = resolve(target);
  try {
    statSync(source);
  } catch {
    err(`✖ ${target}: no such file or folder`);
    return 2;
  }

  switch (command) {
    case 'validate': {
      const report = await validateSource(source);
      if (json) out(JSON.stringify({ ok: report.ok, problems: report.problems, warnings: report.warnings }, null, 2));
      else {
        printProblems(report.problems, report.warnings);
        if (report.ok) out(`✔ ${report.manifest?.id}@${report.manifest?.version} is valid (${report.files.length} files)`);
      }
      return report.ok ? 0 : 1;
    }
    case 'build': {
      if (!statSync(source).isDirectory()) {
        err('✖ build takes a pack folder');
        return 2;
      }
      const filled = await fillAssets(source);
      for (const m of filled.missing) err(`  missing: ${m} is referenced but not in the folder`);
      for (const f of filled.leftOut) err(`  left out: ${f} (nothing references it)`);
      const report = await validatePack(source);
      printProblems(
        report.problems,
        report.warnings.filter((w) => !filled.leftOut.includes(w.file)),
      );
      if (!report.ok || !report.manifest) {
        err('✖ no zip written');
        return 1;
      }
      const zip = resolve(outFile ?? join(dirname(source), `${report.manifest.id}-${report.manifest.version}.zip`));
      await writePackZip(source, filled.assets, zip);
      out(`✔ wrote ${zip} (${report.manifest.id}@${report.manifest.version}, ${filled.assets.length} assets, ${statSync(zip).size} bytes)`);
      return 0;
    }
    case 'install': {
      const paths = ensureDataPaths(resolveDataDir());
      const store = createPackStore({ packsDir: paths.packs, demoPackDir: defaultDemoPackDir(), log: quiet });
      const entry = await store.install(source);
      out(`✔ installed ${entry.id}@${entry.version} into ${paths.packs} (active; a running kiosk switches at its attract screen)`);
      return 0;
    }
    case 'preview':
      return preview(source, port);
    default:
      err(`✖ unknown command "${command}"\n${USAGE}`);
      return 2;
  }
}

/** The web host on a throw-away data folder, with the folder as the active pack (KIOSK_PACK_OVERRIDE). */
async function preview(dir: string, port: string | undefined): Promise<number> {
  const report = await validatePack(dir);
  printProblems(report.problems, report.warnings);
  if (!report.ok) {
    err('✖ fix the problems above first: the kiosk only shows valid packs');
    return 1;
  }
  const { createServices } = await import('../services');
  const { startWebHost } = await import('../webhost/startWebHost');
  const dataDir = process.env.KIOSK_DATA_DIR ?? mkdtempSync(join(tmpdir(), 'pack-preview-'));
  const services = createServices({ dataDir, appVersion: 'preview', runtime: 'web', packs: { overrideDir: dir }, log: quiet });
  const staticDir = resolve(process.env.KIOSK_RENDERER_DIR ?? join(process.cwd(), 'dist', 'renderer'));
  try {
    statSync(join(staticDir, 'index.html'));
  } catch {
    err(`  warning: no built renderer in ${staticDir}; run \`npm run build\` first (the pack is served under /pack/ anyway)`);
  }
  const host = await startWebHost({
    dispatcher: services.dispatcher,
    staticDir,
    log: quiet,
    port: Number(port ?? 0),
    packDir: () => services.packs.activeDir(),
  });
  out(
    JSON.stringify({
      event: 'pack.preview',
      pack: `${report.manifest?.id}@${report.manifest?.version}`,
      url: host.url,
      launchUrl: host.issueLaunchUrl(),
    }),
  );
  // A launch link works once and for a minute (common/webHostSession.ts): Enter prints a fresh one.
  const fresh = (): void =>
    out(`✔ previewing ${basename(dir)}: open ${host.issueLaunchUrl()} within a minute (Enter: a new link; Ctrl-C to stop)`);
  fresh();
  const lines = process.stdin.isTTY ? createInterface({ input: process.stdin }) : null;
  lines?.on('line', fresh);
  await new Promise<void>((done) => {
    const stop = (): void => done();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  lines?.close();
  await host.close();
  services.close();
  return 0;
}

run(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e: unknown) => {
    if (e instanceof PackError) {
      printProblems(e.problems);
      process.exit(1);
    }
    err(`✖ ${(e as Error).stack ?? String(e)}`);
    process.exit(2);
  },
);
