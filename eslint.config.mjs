import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', 'coverage/**', '**/*.js', '**/*.mjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    // The domain is pure and deterministic: time and ids come from the injected context.
    files: ['packages/domain/src/**/*.ts'],
    rules: {
      'no-restricted-properties': [
        'error',
        { object: 'Date', property: 'now', message: 'Take "now" from the injected clock (context.now).' },
        { object: 'Math', property: 'random', message: 'Take ids from the injected context.newId().' },
      ],
      'no-restricted-globals': [
        'error',
        'process',
        'require',
        'Buffer',
        'setTimeout',
        'setInterval',
        'fetch',
      ],
      'no-restricted-imports': ['error', { patterns: ['node:*', '@vouch/*', 'fs', 'path', 'crypto'] }],
    },
  },
);
