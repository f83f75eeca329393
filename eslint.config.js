import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', '.tmp/**', 'packages/testing/openapi/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly', fetch: 'readonly', AbortSignal: 'readonly', performance: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', Buffer: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-imports': [
        'error',
        { paths: [{ name: '@actions/core', message: 'Only packages/action-kit imports @actions/core.' }] },
      ],
    },
  },
  {
    files: ['packages/action-kit/**'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    files: ['packages/core/**'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['node:*', '@octokit/*', '@actions/*', '@safe-deploy/adapters', '@safe-deploy/operations'], message: 'The core is pure: no Node I/O, no GitHub, no runner. Pass an interface in.' },
          ],
        },
      ],
    },
  },
);
