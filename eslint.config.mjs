// Lint rules that keep the layers apart (see each folder's README):
//   shared/   pure TypeScript: no node:, no electron, no DOM, no React
//   electron/ services: Electron only in app/, ipc/, main.ts, preload.ts
//   renderer/ talks to services only through src/api: nothing from electron/
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import prettier from 'eslint-config-prettier';
import globals from 'globals';
import { builtinModules } from 'node:module';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'e2e-results/**', 'playwright-report/**', '.native/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-restricted-syntax': ['error', { selector: 'TSEnumDeclaration', message: 'Use a union of string literals.' }],
    },
  },
  {
    files: ['scripts/**/*.mjs', 'electron/**/*.mjs', '*.config.*', 'eslint.config.mjs'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            ...nodeBuiltins.map((name) => ({ name, message: 'shared/ is pure: no Node modules.' })),
            { name: 'electron', message: 'shared/ is pure: no Electron.' },
            { name: 'react', message: 'shared/ is pure: no React.' },
          ],
          patterns: [
            {
              group: ['**/electron/**', '**/renderer/**'],
              message: 'shared/ imports nothing from electron/ or renderer/.',
            },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        'window',
        'document',
        'navigator',
        'location',
        'localStorage',
        'process',
        'Buffer',
      ],
    },
  },
  {
    files: ['electron/**/*.ts'],
    ignores: ['electron/app/**', 'electron/ipc/**', 'electron/main.ts', 'electron/preload.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'electron',
              message:
                'Services stay Electron-free so the web host and CLI run them; use electron/app or electron/ipc.',
            },
          ],
          patterns: [{ group: ['**/renderer/**'], message: 'electron/ imports nothing from renderer/.' }],
        },
      ],
    },
  },
  {
    // The customer chat page (renderer/customer-chat) is browser code under the same rules.
    files: ['renderer/src/**/*.{ts,tsx}', 'renderer/customer-chat/**/*.ts'],
    plugins: { 'react-hooks': reactHooks },
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'electron', message: 'The renderer reaches services only through src/api.' },
            ...nodeBuiltins.map((name) => ({ name, message: 'The renderer runs in a browser: no Node modules.' })),
          ],
          patterns: [
            { group: ['**/electron/**'], message: 'The renderer imports nothing from electron/; use the API client.' },
          ],
        },
      ],
    },
  },
  prettier,
);
