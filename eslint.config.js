// Flat config (https://eslint.org/docs/latest/use/configure/configuration-files).
// Its main job beyond style: keep each runtime's code in its own folder (VS Code's and Signal's rule).
import { builtinModules } from 'node:module';
import tseslint from 'typescript-eslint';
import vue from 'eslint-plugin-vue';

const nodeBuiltins = builtinModules.filter((m) => !m.startsWith('_'));
const noNode = {
  paths: [
    ...nodeBuiltins.map((name) => ({ name, message: 'Node modules are not available here: go through the typed contract (common/contract.ts).' })),
    { name: 'electron', message: 'Electron is for electron/main and electron/preload only.' },
  ],
  patterns: [{ group: ['node:*'], message: 'Node modules are not available here: go through the typed contract (common/contract.ts).' }],
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
    },
  },
  // The renderer: no Node, no Electron.
  { files: ['src/**/*.{ts,vue}'], rules: { 'no-restricted-imports': ['error', noNode] } },
  // The pure folder: no Node, no Electron, and no DOM globals either.
  {
    files: ['common/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', noNode],
      'no-restricted-globals': ['error', 'window', 'document', 'navigator', 'localStorage', 'sessionStorage', 'fetch', 'process', 'Buffer', 'require', '__dirname'],
    },
  },
  // Services under plain Node: everything but Electron (so they run in the web host and in Vitest).
  {
    files: ['node/kiosk/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [{ name: 'electron', message: 'Services run under plain Node; Electron wiring belongs in electron/main.' }] }] },
  },
);
