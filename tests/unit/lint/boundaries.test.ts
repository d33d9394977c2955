import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

// The layer rules of eslint.config.js, run on imports written for the test. The file paths are real folders of
// the repository (the files need not exist), so the imports resolve as they would in real code.
const root = fileURLToPath(new URL('../../../', import.meta.url));
const eslint = new ESLint({ cwd: root, overrideConfigFile: join(root, 'eslint.config.js') });

async function boundaryErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(root, filePath) });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'boundaries/dependencies').map((m) => m.message);
}

async function ruleErrors(filePath: string, code: string, ruleId: string): Promise<number> {
  const [result] = await eslint.lintText(code, { filePath: join(root, filePath) });
  return (result?.messages ?? []).filter((m) => m.ruleId === ruleId).length;
}

// Loading the flat config and the TypeScript parser takes seconds on a busy machine: done once, outside the tests' time limit.
beforeAll(async () => {
  await eslint.lintText('export {};\n', { filePath: join(root, 'common/warmup.ts') });
}, 120_000);

describe('import direction between the runtime folders', () => {
  it('refuses the renderer importing a kiosk service', async () => {
    const errors = await boundaryErrors(
      'src/views/Crossing.ts',
      "import { createServices } from '../../node/kiosk/services';\nexport const s = createServices;\n",
    );
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain('"src" to elements of type "node-kiosk"');
  });

  it('refuses the renderer importing the Electron main process', async () => {
    const errors = await boundaryErrors(
      'src/views/Crossing.ts',
      "import { APP_ORIGIN } from '../../electron/main/appOrigin';\nexport const o = APP_ORIGIN;\n",
    );
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain('"src" to elements of type "electron-main"');
  });

  it('refuses a kiosk service importing the renderer', async () => {
    const errors = await boundaryErrors(
      'node/kiosk/crossing.ts',
      "import { createKioskI18n } from '../../src/i18n';\nexport const x = createKioskI18n;\n",
    );
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain('"node-kiosk" to elements of type "src"');
  });

  it('refuses a kiosk service importing Electron wiring', async () => {
    const errors = await boundaryErrors(
      'node/kiosk/crossing.ts',
      "import { APP_ORIGIN } from '../../electron/main/appOrigin';\nexport const o = APP_ORIGIN;\n",
    );
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain('"node-kiosk" to elements of type "electron-main"');
  });

  it('refuses common importing a kiosk service', async () => {
    const errors = await boundaryErrors(
      'common/crossing.ts',
      "import { createServices } from '../node/kiosk/services';\nexport const s = createServices;\n",
    );
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain('"common" to elements of type "node-kiosk"');
  });

  it('refuses the preload importing a kiosk service', async () => {
    const errors = await boundaryErrors(
      'electron/preload/crossing.ts',
      "import { createServices } from '../../node/kiosk/services';\nexport const s = createServices;\n",
    );
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain('"electron-preload" to elements of type "node-kiosk"');
  });

  it('refuses a script importing the renderer', async () => {
    const errors = await boundaryErrors(
      'scripts/crossing.ts',
      "import { createKioskI18n } from '../src/i18n';\nexport const x = createKioskI18n;\n",
    );
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain('"scripts" to elements of type "src"');
  });

  it('keeps the smile core pure', async () => {
    const errors = await boundaryErrors(
      'common/smile/crossing.ts',
      "import { createKioskI18n } from '../../src/i18n';\nexport const x = createKioskI18n;\n",
    );
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain('"smile-core" to elements of type "src"');
    expect(
      await boundaryErrors(
        'common/smile/crossing.ts',
        "import { createServices } from '../../node/kiosk/services';\nexport const s = createServices;\n",
      ),
    ).toHaveLength(1);
  });

  it("keeps the server's console pages to the API: neither the server, the kiosk services nor the kiosk's renderer", async () => {
    const server = await boundaryErrors(
      'web/console/crossing.ts',
      "import { fleet } from '../../node/server/console/consoleQueries';\nexport const f = fleet;\n",
    );
    expect(server[0]).toContain('"web-console" to elements of type "node-server"');
    const renderer = await boundaryErrors(
      'web/console/crossing.ts',
      "import { createKioskI18n } from '../../src/i18n';\nexport const x = createKioskI18n;\n",
    );
    expect(renderer[0]).toContain('"web-console" to elements of type "src"');
    const charts = await boundaryErrors(
      'web/charts/crossing.ts',
      "import { createKioskI18n } from '../../src/i18n';\nexport const x = createKioskI18n;\n",
    );
    expect(charts[0]).toContain('"web-charts" to elements of type "src"');
    expect(
      await ruleErrors(
        'web/console/crossing.ts',
        "import { readFileSync } from 'node:fs';\nexport const r = readFileSync;\n",
        'no-restricted-imports',
      ),
    ).toBe(1);
  });

  it('lets each folder import what its layer allows', async () => {
    expect(
      await boundaryErrors('src/views/Legal.ts', "import { PinSchema } from '../../common/contract';\nexport const c = PinSchema;\n"),
    ).toEqual([]);
    expect(
      await boundaryErrors('node/kiosk/legal.ts', "import { PinSchema } from '../../common/contract';\nexport const c = PinSchema;\n"),
    ).toEqual([]);
    expect(
      await boundaryErrors(
        'electron/main/legal.ts',
        "import { createServices } from '../../node/kiosk/services';\nexport const s = createServices;\n",
      ),
    ).toEqual([]);
    expect(
      await boundaryErrors(
        'electron/preload/legal.ts',
        "import { PinSchema } from '../../common/contract';\nexport const c = PinSchema;\n",
      ),
    ).toEqual([]);
    expect(
      await boundaryErrors(
        'node/kiosk/legal.ts',
        "import { rgbaToRgb } from '../../common/smile/rgbImage';\nexport const r = rgbaToRgb;\n",
      ),
    ).toEqual([]);
    expect(
      await boundaryErrors(
        'web/console/legal.ts',
        "import { init } from '../charts/echarts';\nimport { correctShare } from '../../common/smileShare';\nexport const c = [init, correctShare];\n",
      ),
    ).toEqual([]);
    expect(
      await boundaryErrors('src/views/legal.ts', "import { init } from '../../web/charts/echarts';\nexport const c = init;\n"),
    ).toEqual([]);
    expect(
      await boundaryErrors(
        'scripts/legal.ts',
        "import { validatePack } from '../node/kiosk/packs/validatePack';\nexport const v = validatePack;\n",
      ),
    ).toEqual([]);
  });

  it('keeps the module bans beside the layers: no node:* in the renderer or common, no electron in node/', async () => {
    expect(
      await ruleErrors(
        'src/views/Crossing.ts',
        "import { readFileSync } from 'node:fs';\nexport const r = readFileSync;\n",
        'no-restricted-imports',
      ),
    ).toBe(1);
    expect(
      await ruleErrors(
        'common/crossing.ts',
        "import { readFileSync } from 'fs';\nexport const r = readFileSync;\n",
        'no-restricted-imports',
      ),
    ).toBe(1);
    expect(
      await ruleErrors('node/kiosk/crossing.ts', "import { app } from 'electron';\nexport const a = app;\n", 'no-restricted-imports'),
    ).toBe(1);
  });
});

describe('line length', () => {
  it('refuses a comment past 140 columns and lets a long string or URL through', async () => {
    const long = 'x'.repeat(150);
    expect(await ruleErrors('common/Long.ts', `// ${long}\nexport {};\n`, 'max-len')).toBe(1);
    expect(await ruleErrors('common/Long.ts', `export const s = '${long}';\n`, 'max-len')).toBe(0);
    expect(await ruleErrors('common/Long.ts', `// https://example.org/${long}\nexport {};\n`, 'max-len')).toBe(0);
  });
});
