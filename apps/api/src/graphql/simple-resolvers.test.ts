import { getMetadataStorage } from 'type-graphql';
import { describe, expect, it } from 'vitest';
import { getSchema } from './schema';

describe('simpleResolvers object types', () => {
  // `simpleResolvers: true` (set on the hot types of the actions list for speed) makes type-graphql skip
  // auth and middlewares on their plain fields: a field-level @Authorized there would be silently ignored.
  it('carry no field-level @Authorized or middleware', async () => {
    await getSchema();
    const storage = getMetadataStorage();
    const simple = storage.objectTypes.filter((t) => t.simpleResolvers);
    expect(simple.map((t) => t.name)).toEqual(
      expect.arrayContaining([
        'Action',
        'ActionUpdate',
        'Tag',
        // The roll-up's (its answer as text requires it: modules/rollup/rollup-answer.ts).
        'BoardRollup',
        'ObjectiveRollup',
        'IndicatorProgress',
        'Strategy',
        'Indicator',
      ]),
    );
    for (const type of simple) {
      for (const field of type.fields ?? []) {
        expect({ type: type.name, field: field.name, roles: field.roles ?? [] }).toEqual({
          type: type.name,
          field: field.name,
          roles: [],
        });
        expect(field.middlewares ?? []).toEqual([]);
      }
    }
  });
});
