import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

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
  {
    // Resolvers must stay thin: no ORM in them (ARCHITECTURE.md).
    files: ['apps/api/src/**/*.resolver.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [{ name: 'typeorm', message: 'Resolvers call services; keep the ORM out of resolvers.' }] },
      ],
    },
  },
);
