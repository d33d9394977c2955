/**
 * `npm run demo-pack`: regenerates resources/demo-pack/ (the default content pack of a fresh
 * install) from scratch: illustrations (SVG drawn here -> PNG), narration (espeak-ng -> Opus)
 * with cues, and manifest.json; then checks it with the pack schema and, when present, the
 * designers' CLI (`npm run pack -- build/validate`). Needs chromium, ImageMagick, sox, ffmpeg and
 * espeak-ng (all Debian packages). The output is committed: never edit it by hand.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ManifestSchema } from '../../common/pack/manifest';
import { jsonPathText } from '../../common/pack/packReferences';
import { validatePack } from '../../node/kiosk/packs/validatePack';
import { HOTSPOT_TEXTS } from './content/panel';
import { STORIES } from './content/stories';
import { buildManifest, type Generated, type Narration } from './buildManifest';
import { narrate } from './narrate';
import { planPanorama, renderPanoramaNodes } from './panorama/panoramaSection';
import { planPostcard, renderPostcardOverlays } from './postcard/postcardSection';
import { renderPngs, type PngJob } from './renderPngs';
import { renderDemoVideos } from './smile/demoVideos';
import { planSmile } from './smile/section';
import { planServices } from './services/section';
import { renderNarrator } from './narrator/section';
import { page } from './svg/kit';
import { PANEL_SPOTS, panelPrintSvg } from './svg/panelPrint';
import { SCENES } from './svg/scenes';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const DEMO_PACK_DIR = join(ROOT, 'resources', 'demo-pack');

function scene(id: string): string {
  const draw = SCENES[id];
  if (!draw) throw new Error(`demo-pack: no scene "${id}" in svg/scenes.ts`);
  return draw();
}

function narration(dir: string, base: string, zh: string[], en: string[]): Narration {
  const track = (lang: 'zh' | 'en', paragraphs: string[]) => {
    const audio = `${base}-${lang}.opus`;
    const { cues } = narrate(paragraphs, lang, join(dir, audio));
    return { audio, cues };
  };
  return { 'zh-CN': track('zh', zh), en: track('en', en) };
}

async function generate(dir: string): Promise<Generated> {
  rmSync(dir, { recursive: true, force: true });
  const jobs: PngJob[] = [];
  const png = (path: string, svg: string, colors?: number): string => {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    jobs.push({ svg, out: join(dir, path), colors });
    return path;
  };
  const g: Generated = {
    attract: png('attract.png', page(scene('attract'), { outW: 1920 })),
    print: png('panel/print.png', panelPrintSvg(2400), 32),
    stories: {},
    hotspots: {} as Generated['hotspots'],
    panorama: { section: {}, paths: [] },
    postcard: { section: {}, paths: [] },
    smile: planSmile(null),
    services: { section: {}, paths: [] },
  };
  for (const s of STORIES) {
    const base = `stories/${s.id}`;
    g.stories[s.id] = {
      cover: png(`${base}/cover.png`, page(scene(s.coverScene), { outW: 800 })),
      pages: s.pages.map((p, i) => png(`${base}/page${i + 1}.png`, page(scene(p.scene)))),
      narration: { 'zh-CN': { audio: '', cues: [] }, en: { audio: '', cues: [] } },
    };
  }
  const panorama = planPanorama(png);
  g.panorama = { section: panorama.section, paths: panorama.paths };
  const postcard = planPostcard(png);
  g.postcard = { section: postcard.section, paths: postcard.paths };
  g.services = planServices(png);
  console.log(`demo-pack: rendering ${jobs.length} pictures`);
  await renderPngs(jobs);
  console.log(`demo-pack: rendering ${postcard.overlays.length} postcard frames (transparent PNG)`);
  await renderPostcardOverlays(dir, postcard.overlays);
  console.log(`demo-pack: rendering ${panorama.nodeImages.length} panoramas (three.js in Chromium)`);
  await renderPanoramaNodes(dir, panorama.nodeImages);
  console.log("demo-pack: rendering the smile meter's walk-through videos (ffmpeg, VP8)");
  g.smile = planSmile(await renderDemoVideos(dir));
  for (const s of STORIES) {
    console.log(`demo-pack: narrating ${s.id}`);
    g.stories[s.id]!.narration = narration(
      dir,
      `stories/${s.id}/narration`,
      [s.title.zh, ...s.pages.map((p) => p.text.zh)],
      [s.title.en, ...s.pages.map((p) => p.text.en)],
    );
  }
  console.log('demo-pack: rendering and narrating the holographic narrator (Chromium, ffmpeg VP9 with alpha, espeak-ng)');
  g.narrator = await renderNarrator(dir, (base, zh, en) => narration(dir, base, zh, en));
  for (const spot of PANEL_SPOTS) {
    const t = HOTSPOT_TEXTS[spot.id];
    g.hotspots[spot.id] = narration(dir, `panel/${spot.id}`, [t.narration.zh], [t.narration.en]);
  }
  return g;
}

/** Runs the designers' CLI when it exists (it is written in parallel with this generator). */
function runPackCli(dir: string): void {
  const cli = join(ROOT, 'node/kiosk/cli/pack.ts');
  if (!existsSync(cli)) {
    console.log('demo-pack: node/kiosk/cli/pack.ts not found, skipped `pack build/validate` (validatePack above passed)');
    return;
  }
  const tmp = mkdtempSync(join(tmpdir(), 'demo-pack-zip-'));
  try {
    const zip = join(tmp, 'yangpu-demo.zip');
    execFileSync('npx', ['tsx', cli, 'build', dir, '--out', zip], { cwd: ROOT, stdio: 'inherit' });
    console.log(`demo-pack: zip ${statSync(zip).size} bytes`);
    execFileSync('npx', ['tsx', cli, 'validate', dir], { cwd: ROOT, stdio: 'inherit' });
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const dir = DEMO_PACK_DIR;
  const generated = await generate(dir);
  const manifest = buildManifest(dir, generated);
  const parsed = ManifestSchema.safeParse(manifest);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) console.error(`manifest.json ${jsonPathText(issue.path)}: ${issue.message}`);
    throw new Error('demo-pack: the generated manifest does not match common/pack/manifest.ts');
  }
  writeFileSync(join(dir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  const assets = parsed.data.assets;
  const total = assets.reduce((sum, a) => sum + a.bytes, 0);
  console.log(`demo-pack: ${assets.length} files, ${(total / 1024 / 1024).toFixed(2)} MiB in ${dir}`);
  // The kiosk's own install-time checks: sizes, hashes, pictures and voices decoded, cues within the audio.
  const report = await validatePack(dir, { decodeMedia: true });
  for (const p of [...report.problems, ...report.warnings]) console.error(`${p.file} ${p.path}: ${p.message}`);
  if (!report.ok) throw new Error('demo-pack: the generated pack does not pass validatePack');
  runPackCli(dir);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exitCode = 1;
});
