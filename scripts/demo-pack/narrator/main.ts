/**
 * `npx tsx scripts/demo-pack/narrator/main.ts`: (re)renders only the demo narrator (figure videos and narration) into
 * resources/demo-pack/narrator/ and puts its section and files into the committed manifest.json, leaving every other
 * file of the demo pack as it is (the full `npm run demo-pack` renders the narrator too, through the same
 * renderNarrator). Needs chromium, ffmpeg with libvpx-vp9, sox and espeak-ng. Checks the result like the full run.
 */
import { createHash } from 'node:crypto';
import { readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ManifestSchema } from '../../../common/pack/manifest';
import { assetTypeOfPath } from '../../../common/pack/packLimits';
import { jsonPathText } from '../../../common/pack/packReferences';
import { validatePack } from '../../../node/kiosk/packs/validatePack';
import { narrate } from '../narrate';
import { renderNarrator } from './section';

const DIR = join(resolve(dirname(fileURLToPath(import.meta.url)), '../../..'), 'resources', 'demo-pack');

async function main(): Promise<void> {
  rmSync(join(DIR, 'narrator'), { recursive: true, force: true });
  const part = await renderNarrator(DIR, (base, zh, en) => {
    const track = (lang: 'zh' | 'en', paragraphs: string[]) => {
      const audio = `${base}-${lang}.opus`;
      return { audio, cues: narrate(paragraphs, lang, join(DIR, audio)).cues };
    };
    return { 'zh-CN': track('zh', zh), en: track('en', en) };
  });
  const manifest = JSON.parse(readFileSync(join(DIR, 'manifest.json'), 'utf8')) as { assets: Array<{ path: string }>; narrator?: unknown };
  const assets = manifest.assets.filter((a) => !a.path.startsWith('narrator/'));
  for (const path of part.paths) {
    const file = join(DIR, path);
    assets.push({
      path,
      bytes: statSync(file).size,
      sha256: createHash('sha256').update(readFileSync(file)).digest('hex'),
      type: assetTypeOfPath(path),
    } as { path: string });
  }
  const next = { ...manifest, assets, narrator: part.section };
  const parsed = ManifestSchema.safeParse(next);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) console.error(`manifest.json ${jsonPathText(issue.path)}: ${issue.message}`);
    throw new Error('demo-pack narrator: the manifest does not match common/pack/manifest.ts');
  }
  writeFileSync(join(DIR, 'manifest.json'), `${JSON.stringify(next, null, 2)}\n`);
  for (const path of part.paths) console.log(`demo-pack narrator: ${path} ${statSync(join(DIR, path)).size} bytes`);
  const report = await validatePack(DIR, { decodeMedia: true });
  for (const p of [...report.problems, ...report.warnings]) console.error(`${p.file} ${p.path}: ${p.message}`);
  if (!report.ok) throw new Error('demo-pack narrator: the pack does not pass validatePack');
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exitCode = 1;
});
