import type { CodegenConfig } from '@graphql-codegen/cli';

// The SDK's only input is the committed schema file; its only operations are those in src/operations.
const config: CodegenConfig = {
  schema: '../../apps/api/schema.graphql',
  documents: ['src/operations/**/*.graphql'],
  ignoreNoDocuments: false,
  generates: {
    'src/generated/': {
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: {
        useTypeImports: true,
        enumsAsTypes: true,
        scalars: { Date: 'string', DateTimeISO: 'string', ID: 'string' },
        documentMode: 'documentNode',
      },
    },
  },
};

export default config;
