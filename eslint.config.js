// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import prettier from 'eslint-config-prettier';
import globals from 'globals';

const nodeBuiltins = ['node:*', 'fs', 'path', 'os', 'child_process', 'crypto', 'http', 'net'];

/** DESIGN.md's layout table, enforced: who may import what. */
const boundary = (patterns, message) => ({
  'no-restricted-imports': ['error', { patterns: [{ group: patterns, message }] }],
});

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', '.data/**', '.native/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'always'],
      'no-console': 'off',
    },
  },
  {
    files: ['src/shared/**/*.ts'],
    rules: boundary(
      [
        ...nodeBuiltins,
        'electron',
        'react',
        'react-*',
        '**/main/**',
        '**/renderer/**',
        '**/server/**',
      ],
      'src/shared must stay free of node, electron, react and the other layers (DESIGN.md, Layout).',
    ),
  },
  {
    files: ['src/main/**/*.ts'],
    ignores: ['src/main/electron/**'],
    rules: boundary(
      ['electron', 'electron/*', '**/renderer/**', '**/server/**', '**/main/electron/**'],
      'Only src/main/electron may use Electron; plain main services stay testable in Node.',
    ),
  },
  {
    files: ['src/server/**/*.ts'],
    rules: boundary(
      ['electron', 'react', '**/main/**', '**/renderer/**', '**/preload/**'],
      'The server depends on shared only.',
    ),
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      ...boundary(
        [...nodeBuiltins, 'electron', '**/main/**', '**/server/**', '**/preload/**'],
        'The renderer reaches main only through src/renderer/api (window.kvue).',
      ),
    },
  },
  {
    files: ['src/preload/**/*.ts'],
    rules: boundary(
      ['**/main/**', '**/renderer/**', '**/server/**', 'react'],
      'The preload exposes the contract and nothing else.',
    ),
  },
  prettier,
);
