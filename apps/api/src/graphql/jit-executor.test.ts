import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Kind, parse } from 'graphql';
import { compileQuery, isCompiledQuery } from 'graphql-jit';
import { describe, expect, it } from 'vitest';
import { getSchema } from './schema';

const OPERATIONS = path.resolve(__dirname, '../../../../packages/sdk/src/operations');

describe('graphql-jit executor', () => {
  // A document graphql-jit cannot compile silently runs on graphql-js (slower, still correct): keep
  // every operation the web app and SDK send on the compiled path.
  it('compiles every SDK operation', async () => {
    const schema = await getSchema();
    const names: string[] = [];
    // One document of every file, as codegen sees them: an operation may spread another file's fragment.
    const files = readdirSync(OPERATIONS).flatMap((area) =>
      readdirSync(path.join(OPERATIONS, area))
        .filter((f) => f.endsWith('.graphql'))
        .map((f) => path.join(OPERATIONS, area, f)),
    );
    const document = parse(files.map((f) => readFileSync(f, 'utf8')).join('\n'));
    for (const def of document.definitions) {
      if (def.kind !== Kind.OPERATION_DEFINITION || !def.name) continue;
      const compiled = compileQuery(schema, document, def.name.value, { customJSONSerializer: false });
      expect({ operation: def.name.value, compiled: isCompiledQuery(compiled) }).toEqual({
        operation: def.name.value,
        compiled: true,
      });
      names.push(def.name.value);
    }
    expect(names.length).toBeGreaterThan(20);
  });
});
