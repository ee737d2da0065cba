// Lint rules: typescript-eslint's recommended set, with `any` banned so boundaries parse `unknown`.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['**/*.tmp.ts', 'dist/**', 'node_modules/**', 'data/**', 'coverage/**', 'test-artifacts/**', 'adapters/playground/public/vendor/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off',
    },
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { require: 'readonly', module: 'writable', __dirname: 'readonly', process: 'readonly', console: 'readonly', document: 'readonly', window: 'readonly', fetch: 'readonly', EventSource: 'readonly', AdaptiveCards: 'readonly', setTimeout: 'readonly', URLSearchParams: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
