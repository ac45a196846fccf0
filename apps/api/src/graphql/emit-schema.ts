// Writes apps/api/schema.graphql, the committed contract from which packages/sdk is generated.
import fs from 'node:fs';
import path from 'node:path';
import { lexicographicSortSchema, printSchema } from 'graphql';
import { getSchema } from './schema';

async function main() {
  const schema = await getSchema();
  const out = path.resolve(__dirname, '../../schema.graphql');
  const text =
    '# Generated from the type-graphql schema by `npm run codegen`. Do not edit.\n\n' +
    printSchema(lexicographicSortSchema(schema)) +
    '\n';
  fs.writeFileSync(out, text);
  console.log(`wrote ${out}`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
