// Flat config (https://eslint.org/docs/latest/use/configure/configuration-files).
// Its main job beyond style: keep each runtime's code in its own folder (VS Code's and Signal's rule).
import { builtinModules } from 'node:module';
import tseslint from 'typescript-eslint';
import vue from 'eslint-plugin-vue';
import boundaries from 'eslint-plugin-boundaries';

const nodeBuiltins = builtinModules.filter((m) => !m.startsWith('_'));
const noNode = {
  paths: [
    ...nodeBuiltins.map((name) => ({
      name,
      message: 'Node modules are not available here: go through the typed contract (common/contract.ts).',
    })),
    { name: 'electron', message: 'Electron is for electron/main and electron/preload only.' },
  ],
  patterns: [{ group: ['node:*'], message: 'Node modules are not available here: go through the typed contract (common/contract.ts).' }],
};

// Which folder may import which: the layers the architecture describes (docs/architecture.md), one element
// type per folder. Matched from the repository root (partialMatch: false), so `src/common/x` is not `common`.
// The smile meter's pure core is its own element wherever it lives (under src/exhibits/smile today, common/smile
// or smile-core/ after its move): kiosk services, CLIs and scripts evaluate the same code the kiosk runs.
const elements = [
  { type: 'smile-core', pattern: 'common/smile', partialMatch: false },
  { type: 'common', pattern: 'common', partialMatch: false },
  { type: 'electron-main', pattern: 'electron/main', partialMatch: false },
  { type: 'electron-preload', pattern: 'electron/preload', partialMatch: false },
  { type: 'node-kiosk', pattern: 'node/kiosk', partialMatch: false },
  { type: 'node-server', pattern: 'node/server', partialMatch: false },
  // Plain-Node helpers the kiosk's services and the station server both use (HTTP plumbing), nothing of either.
  { type: 'node-shared', pattern: 'node/shared', partialMatch: false },
  { type: 'src', pattern: 'src', partialMatch: false },
  // Browser code outside the kiosk's renderer: chart code shared by the kiosk and the server's console, and the console.
  { type: 'web-charts', pattern: 'web/charts', partialMatch: false },
  { type: 'web-console', pattern: 'web/console', partialMatch: false },
  { type: 'scripts', pattern: 'scripts', partialMatch: false },
  { type: 'tests', pattern: 'tests', partialMatch: false },
];
const pure = ['common', 'smile-core'];
const mayImport = {
  // Pure TypeScript for every runtime: nothing of the repository but itself.
  common: pure,
  'smile-core': pure,
  // The renderer talks to everything else through the typed contract, never by importing it.
  src: ['src', 'web-charts', ...pure],
  // Chart code for any page: echarts and itself.
  'web-charts': ['web-charts', ...pure],
  // The server's console pages talk to the server over its JSON API only: never node/, electron/ or the kiosk's renderer.
  'web-console': ['web-console', 'web-charts', ...pure],
  // The Electron main process wires the kiosk services into a window.
  'electron-main': ['electron-main', 'node-kiosk', 'node-shared', ...pure],
  // The sandboxed preload is bundled alone and exposes the contract: nothing but common.
  'electron-preload': ['electron-preload', 'common'],
  // Plain Node: never the renderer or Electron (so it runs in the web host, the server and Vitest).
  'node-shared': ['node-shared', ...pure],
  'node-kiosk': ['node-kiosk', 'node-shared', ...pure],
  'node-server': ['node-server', 'node-kiosk', 'node-shared', ...pure],
  // Build, generation and evaluation tooling runs under Node: it may use the services and common, not the renderer.
  scripts: ['scripts', 'node-kiosk', 'node-shared', ...pure],
  // Tests reach whatever they test.
  tests: elements.map((e) => e.type),
};

export default tseslint.config(
  { ignores: ['dist/**', 'dist-*/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'out/**', 'resources/**/*.js'] },
  ...tseslint.configs.recommended,
  ...vue.configs['flat/recommended'],
  {
    files: ['**/*.vue'],
    languageOptions: { parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.vue'], sourceType: 'module' } },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'vue/multi-word-component-names': 'off',
      'vue/max-attributes-per-line': 'off',
      'vue/singleline-html-element-content-newline': 'off',
      'vue/html-self-closing': 'off',
      'vue/html-indent': 'off',
      'vue/html-closing-bracket-newline': 'off',
      'vue/multiline-html-element-content-newline': 'off',
      // Prettier wraps code at 140 columns but leaves comments and long strings alone; this keeps comments
      // inside the same width (https://eslint.org/docs/latest/rules/max-len). Strings, template literals, URLs
      // regular expressions and SVG path data may run past it: breaking them would change what they say.
      'max-len': [
        'error',
        {
          code: 140,
          ignoreStrings: true,
          ignoreTemplateLiterals: true,
          ignoreUrls: true,
          ignoreRegExpLiterals: true,
          ignorePattern: '^\\s*d="',
        },
      ],
    },
  },
  {
    files: ['**/*.{ts,mts,js,mjs,vue}'],
    plugins: { boundaries },
    settings: {
      'boundaries/root-path': import.meta.dirname,
      'boundaries/elements': elements,
      'import/resolver': { node: { extensions: ['.ts', '.mts', '.js', '.mjs', '.vue', '.json'] } },
    },
    rules: {
      'boundaries/dependencies': [
        'error',
        {
          default: 'disallow',
          policies: Object.entries(mayImport).map(([from, to]) => ({
            from: { element: { type: from } },
            allow: { to: { element: { types: { anyOf: to } } } },
          })),
        },
      ],
    },
  },
  // The renderer and the other browser pages: no Node, no Electron.
  { files: ['src/**/*.{ts,vue}', 'web/**/*.{ts,vue}'], rules: { 'no-restricted-imports': ['error', noNode] } },
  // The pure folder: no Node, no Electron, and no DOM globals either.
  {
    files: ['common/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', noNode],
      'no-restricted-globals': [
        'error',
        'window',
        'document',
        'navigator',
        'localStorage',
        'sessionStorage',
        'fetch',
        'process',
        'Buffer',
        'require',
        '__dirname',
      ],
    },
  },
  // Everything under node/ runs under plain Node: everything but Electron (so it runs in the web host, the server and Vitest).
  {
    files: ['node/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [{ name: 'electron', message: 'Services run under plain Node; Electron wiring belongs in electron/main.' }] },
      ],
    },
  },
);
