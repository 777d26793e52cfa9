// ESLint flat config: typescript-eslint's recommended rules and React's hooks rules.
// Layer rules (which folder may import which) live in .dependency-cruiser.cjs, run by `npm run lint` too.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'dist-*/**',
      '.stryker-tmp/**',
      'reports/**',
      'node_modules/**',
      'test-results/**',
      '.bench/**',
      'public/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
      // The hand-tuned parsers and kernels initialise their loop state up front on purpose.
      'no-useless-assignment': 'off',
    },
  },
  {
    // No DOM below src/ui: these layers run in Node (CLI, tests) and in workers as well
    // (React and DOM libraries are kept out by .dependency-cruiser.cjs).
    files: ['src/{model,table,util,i18n,expr,data,analysis,layout,playbook,engine,cli}/**/*.ts'],
    ignores: ['**/*.test.ts', '**/testing/**', 'src/i18n/index.ts'],
    rules: {
      'no-restricted-globals': [
        'error',
        ...[
          'window',
          'document',
          'navigator',
          'location',
          'localStorage',
          'sessionStorage',
          'indexedDB',
          'HTMLElement',
          'Element',
          'getComputedStyle',
          'requestAnimationFrame',
        ].map((name) => ({
          name,
          message: 'DOM APIs belong to src/ui (docs/architecture.md, Layers).',
        })),
      ],
    },
  },
  {
    files: ['src/ui/**/*.{ts,tsx}', 'src/main.tsx'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
    },
  },
);
