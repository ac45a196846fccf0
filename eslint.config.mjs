import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import svelte from 'eslint-plugin-svelte';

// Module boundaries (docs/architecture.md, "Module boundaries"). A module's public surface is its
// services, entities, GraphQL types, enums and an index; everything else in apps/api/src/modules/<m>/
// (resolvers, inputs, rules, validation, loaders, policies, helpers) is that module's own business.
const PUBLIC_SURFACE = '(?:[^/]+\\.(?:service|entity|type|enums)|index)';
const moduleInternals = {
  // ../<other module>/<file> from inside a module
  regex: `^\\.\\./(?!\\.\\.)[^/]+/(?!${PUBLIC_SURFACE}$)`,
  message:
    'Another module\'s internals: import its service, entity, type or enums (docs/architecture.md, "Module boundaries").',
};

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
    files: ['apps/api/src/modules/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [moduleInternals] }] },
  },
  {
    // Resolvers must stay thin: no ORM in them (docs/architecture.md). (A later block replaces the rule's
    // options for the files it matches, so the module boundary is repeated here.)
    files: ['apps/api/src/**/*.resolver.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'typeorm', message: 'Resolvers call services; keep the ORM out of resolvers.' }],
          patterns: [moduleInternals],
        },
      ],
    },
  },
  {
    // Each module's SQL lives in its query modules (`*.queries.ts`, docs/architecture.md "Data access"):
    // services keep the rules, loaders batch, resolvers stay thin. Migrations and src/database are the
    // database's own; tests set up their data however they need.
    files: ['apps/api/src/**/*.ts'],
    ignores: [
      'apps/api/src/**/*.queries.ts',
      'apps/api/src/modules/rollup/queries.ts',
      'apps/api/src/database/**',
      'apps/api/src/demo/**',
      // The one shared data-access helper (optimistic concurrency), used by every module's writes.
      'apps/api/src/shared/versioned-update.ts',
      // graphql-jit's compiled query is called `.query()`: not SQL.
      'apps/api/src/graphql/jit-executor.ts',
      'apps/api/src/**/*.test.ts',
      'apps/api/src/**/test-support/**',
    ],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.property.name='query']",
          message: 'SQL belongs in the module\'s *.queries.ts (docs/architecture.md, "Data access").',
        },
        {
          selector: "CallExpression[callee.property.name='createQueryBuilder']",
          message:
            'Query builders belong in the module\'s *.queries.ts (docs/architecture.md, "Data access").',
        },
      ],
    },
  },
  {
    // The web app talks to the API over HTTP through packages/sdk only, never by importing its code.
    files: ['apps/web/**/*.ts', 'apps/web/**/*.js', 'apps/web/**/*.svelte'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^@throughline/api(?:/|$)|(?:^|/)apps/api(?:/|$)|^(?:\\.\\./)+api/',
              message: 'The web app uses the API through @throughline/sdk over HTTP, not its code.',
            },
          ],
        },
      ],
    },
  },
);
