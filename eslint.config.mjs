import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import svelte from 'eslint-plugin-svelte';

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      '**/build/**',
      '**/.svelte-kit/**',
      '**/.turbo/**',
      '**/.data/**',
      'packages/sdk/src/generated/**',
      'bench/results/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
      // type-graphql resolvers and entities are classes whose decorators need runtime imports.
      '@typescript-eslint/consistent-type-imports': 'off',
    },
  },
  // The web app's .svelte files (apps/web): eslint-plugin-svelte's flat config, TypeScript in <script>.
  ...svelte.configs.recommended,
  {
    files: ['apps/web/**/*.svelte', 'apps/web/**/*.svelte.ts'],
    languageOptions: {
      globals: { ...globals.browser },
      parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.svelte'] },
    },
    rules: {
      // Plain <a href> links are what work without JavaScript; base paths are not used.
      'svelte/no-navigation-without-resolve': 'off',
    },
  },
  {
    // Resolvers must stay thin: no ORM in them (docs/architecture.md).
    files: ['apps/api/src/**/*.resolver.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [{ name: 'typeorm', message: 'Resolvers call services; keep the ORM out of resolvers.' }] },
      ],
    },
  },
);
