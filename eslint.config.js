// Process boundaries are import rules (DESIGN.md §3):
//   shared/            imports neither Node nor DOM-bound packages, nor any other layer
//   electron/backend/  never imports 'electron' (the CLI and tests run it in plain Node)
//   renderer/          imports only shared/, itself and its UI libraries
//   templates/         pure document builders: shared/ and pdfmake types only
//   server/            the centre, its own deployable: shared/, migrations/ and the backend's database and
//                      command modules; never tests/, the renderer or the Electron shell
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';
import { builtinModules } from 'node:module';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];
const layer = (name) => [`**/${name}/**`, `../${name}/**`, `../../${name}/**`, `../../../${name}/**`];

const restrict = (message, paths, patterns) => [
  'error',
  {
    paths: paths.map((name) => ({ name, message })),
    // A pattern given as a list is one group, so that a `!` exception in it applies to its other entries.
    patterns: patterns.map((group) => ({ group: Array.isArray(group) ? group : [group], message })),
  },
];

export default tseslint.config(
  { ignores: ['dist/**', 'dist-electron/**', 'release/**', 'demo-output/**', 'test-results/**', 'playwright-report/**', 'node_modules/**', 'build/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-console': 'off',
    },
  },
  {
    files: ['shared/**/*.ts'],
    languageOptions: { globals: {} },
    rules: {
      'no-restricted-imports': restrict(
        'shared/ is pure TypeScript: no Node, no DOM, no Electron, no other layer.',
        [...nodeBuiltins, 'electron', 'react', 'react-dom', 'better-sqlite3', 'kysely', 'pdfmake'],
        ['node:*', ...layer('electron'), ...layer('renderer'), ...layer('migrations'), ...layer('templates'), ...layer('tests')],
      ),
      'no-restricted-globals': ['error', 'window', 'document', 'navigator', 'process', 'Buffer', 'require', '__dirname'],
    },
  },
  {
    files: ['electron/backend/**/*.ts', 'migrations/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict(
        'electron/backend and migrations run in plain Node (CLI, tests): never import electron or the renderer.',
        ['electron'],
        ['electron/*', ...layer('renderer')],
      ),
    },
  },
  {
    files: ['server/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict(
        'server/ is the centre, a separate deployable: it may use shared/, migrations/ and electron/backend/, never tests/, the renderer or the Electron shell.',
        ['electron'],
        [...layer('tests'), ...layer('renderer'), ['../electron/*', '!../electron/backend']],
      ),
    },
  },
  {
    files: ['templates/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict(
        'templates/ build document definitions from shared/ data only.',
        [...nodeBuiltins, 'electron', 'better-sqlite3', 'kysely'],
        ['node:*', ...layer('electron'), ...layer('renderer'), ...layer('migrations')],
      ),
    },
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    ignores: ['renderer/vite.config.ts'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
      'no-restricted-imports': restrict(
        'renderer/ talks to main only through window.api: import shared/ and renderer/ only.',
        [...nodeBuiltins, 'electron', 'better-sqlite3', 'kysely', 'pdfmake', 'zod'],
        ['node:*', ...layer('electron'), ...layer('migrations'), ...layer('templates'), ...layer('tests')],
      ),
      'no-restricted-globals': ['error', 'process', 'Buffer', 'require', '__dirname'],
    },
  },
);
