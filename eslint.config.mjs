// Lint runs in `npm test`. Type-aware rules stay off: `tsc --noEmit` already checks types, and
// type-aware linting would double the time on 2 cores.
// Prettier owns formatting (`npm run lint` also runs `prettier --check .`): add no stylistic rules
// here. None of the rules below conflicts with it (checked with eslint-config-prettier's CLI).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

export default tseslint.config(
  {
    ignores: ['node_modules/', 'miniapp/dist/', '.esbuild/', '.serverless/', '.local/', '.bench/', 'coverage/', 'test-results/', 'playwright-report/'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'off',
      'no-console': 'off',
    },
  },
  {
    files: ['miniapp/src/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'warn' },
  },
  {
    files: ['**/*.cjs', 'miniapp/config/**', 'miniapp/babel.config.js'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
