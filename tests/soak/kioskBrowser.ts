import { chromium, type Browser, type BrowserContext, type CDPSession, type Page } from '@playwright/test';
import { resolve } from 'node:path';
import { CHROMIUM } from '../../playwright.config';

/**
 * The kiosk's Chromium for the soak: the fake camera device (the postcard's photo) playing a walk-through, software
 * WebGL (the panorama, as on CI), audio allowed to autoplay (the narration), and two page scripts: a steering wheel
 * the soak moves (the panorama e2e's gamepad, https://w3c.github.io/gamepad/) and a count of live WebGL objects
 * (textures, buffers, programs, framebuffers, renderbuffers) of the page's contexts still alive and not lost.
 */
export interface SoakBrowser {
  browser: Browser;
  context: BrowserContext;
  page: Page;
  cdp: CDPSession;
  /** Console errors, page errors, CSP violations and worker errors, with the time they came. */
  problems: string[];
  close(): Promise<void>;
}

export interface WebGlCounts {
  contexts: number;
  textures: number;
  buffers: number;
  programs: number;
  framebuffers: number;
  renderbuffers: number;
}

function countWebGlObjects(): void {
  const KINDS = [
    ['textures', 'createTexture', 'deleteTexture'],
    ['buffers', 'createBuffer', 'deleteBuffer'],
    ['programs', 'createProgram', 'deleteProgram'],
    ['framebuffers', 'createFramebuffer', 'deleteFramebuffer'],
    ['renderbuffers', 'createRenderbuffer', 'deleteRenderbuffer'],
  ] as const;
  type Ctx = WebGLRenderingContext | WebGL2RenderingContext;
  // Live objects per context; a context that was dropped (collected) takes its objects with it.
  const perContext = new WeakMap<Ctx, Record<string, Set<unknown>>>();
  const contexts: WeakRef<Ctx>[] = [];
  const sets = (ctx: Ctx): Record<string, Set<unknown>> => {
    let s = perContext.get(ctx);
    if (!s) {
      s = Object.fromEntries(KINDS.map(([k]) => [k, new Set<unknown>()]));
      perContext.set(ctx, s);
      contexts.push(new WeakRef(ctx));
    }
    return s;
  };
  for (const C of [WebGLRenderingContext, WebGL2RenderingContext]) {
    const proto = C.prototype as unknown as Record<string, (...a: unknown[]) => unknown>;
    for (const [kind, create, del] of KINDS) {
      const make = proto[create]!;
      const drop = proto[del]!;
      proto[create] = function (this: Ctx, ...a: unknown[]) {
        const o = make.apply(this, a);
        if (o) sets(this)[kind]!.add(o);
        return o;
      };
      proto[del] = function (this: Ctx, ...a: unknown[]) {
        sets(this)[kind]!.delete(a[0]);
        return drop.apply(this, a);
      };
    }
  }
  Object.defineProperty(window, '__soakWebGl', {
    value: () => {
      const out: Record<string, number> = { contexts: 0, ...Object.fromEntries(KINDS.map(([k]) => [k, 0])) };
      for (const ref of contexts) {
        const ctx = ref.deref();
        if (!ctx || ctx.isContextLost()) continue;
        out.contexts! += 1;
        const s = perContext.get(ctx)!;
        for (const [k] of KINDS) out[k]! += s[k]!.size;
      }
      return out;
    },
  });
}

function installWheel(): void {
  const pad = {
    id: 'Soak Racing Wheel (Vendor: 046d Product: c24f)',
    index: 0,
    connected: true,
    mapping: '',
    timestamp: 0,
    axes: [0, 1, 1, 1],
    buttons: Array.from({ length: 16 }, () => ({ pressed: false, touched: false, value: 0 })),
    vibrationActuator: null,
  };
  Object.defineProperty(window, 'testWheel', { value: pad });
  Object.defineProperty(navigator, 'getGamepads', { value: () => [pad, null, null, null] });
  window.addEventListener('load', () => window.dispatchEvent(Object.assign(new Event('gamepadconnected'), { gamepad: pad })));
}

/** What DevTools keeps of the page's requests for Playwright (chromiumWithoutBodyBuffer.mjs). */
export type DevtoolsNetwork = 'bodies' | 'no-bodies' | 'off';

/**
 * @param network 'bodies': as Playwright launches Chromium; 'no-bodies': through chromiumWithoutBodyBuffer.mjs, so
 *   DevTools keeps no response bodies; 'off': no Network domain at all (so no Playwright routes either).
 */
export async function openSoakBrowser(
  launchUrl: () => Promise<string>,
  cameraY4m: string,
  startTime: string,
  network: DevtoolsNetwork = 'bodies',
): Promise<SoakBrowser> {
  const relay = { executablePath: resolve('tests/soak/chromiumWithoutBodyBuffer.mjs') };
  const browser = await chromium.launch({
    ...(network === 'bodies'
      ? { executablePath: CHROMIUM }
      : { ...relay, env: { ...process.env, SOAK_CHROMIUM: CHROMIUM, SOAK_DEVTOOLS_NETWORK: network === 'off' ? 'off' : 'on' } }),
    args: [
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
      '--autoplay-policy=no-user-gesture-required',
      '--use-angle=swiftshader',
      '--enable-unsafe-swiftshader',
      '--ignore-gpu-blocklist',
      '--use-fake-ui-for-media-stream',
      '--use-fake-device-for-media-stream',
      `--use-file-for-fake-video-capture=${cameraY4m}`,
    ],
  });
  const context = await browser.newContext({
    viewport: { width: 1280, height: 720 },
    hasTouch: true,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    permissions: ['camera'],
  });
  // As source text with a stand-in for esbuild's `__name` helper: tsx keeps function names by wrapping them in calls to
  // it, which the page does not have.
  const script = (fn: () => void) => ({ content: `var __name = (f) => f;\n(${fn.toString()})();` });
  await context.addInitScript(script(countWebGlObjects));
  await context.addInitScript(script(installWheel));
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) =>
      console.error(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI || 'inline'}`),
    );
  });
  const page = await context.newPage();
  const problems: string[] = [];
  const stamp = () => new Date().toISOString().slice(11, 19);
  page.on('console', (msg) => {
    const text = `${msg.type()}: ${msg.text()} ${msg.location().url}`;
    if (msg.type() === 'error' || (msg.type() === 'warning' && /Content.Security.Policy|\[Vue warn\]|\[intlify\]/i.test(text)))
      problems.push(`${stamp()} ${text}`);
  });
  page.on('pageerror', (err) => problems.push(`${stamp()} page error: ${err.message}`));
  page.on('worker', (worker) =>
    worker.on('console', (msg) => msg.type() === 'error' && problems.push(`${stamp()} worker error: ${msg.text()}`)),
  );
  page.on('crash', () => problems.push(`${stamp()} the page crashed`));
  const cdp = await context.newCDPSession(page);
  await page.clock.install({ time: startTime });
  await page.goto(await launchUrl());
  await page.locator('.kiosk:not([data-screen="boot"])').waitFor({ timeout: 60_000 });
  return { browser, context, page, cdp, problems, close: () => browser.close() };
}

export async function webGlCounts(page: Page): Promise<WebGlCounts> {
  return page.evaluate(() => (window as unknown as { __soakWebGl: () => WebGlCounts }).__soakWebGl());
}
