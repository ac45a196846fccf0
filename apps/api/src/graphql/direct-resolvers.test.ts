import { isObjectType } from 'graphql';
import { getMetadataStorage } from 'type-graphql';
import { describe, expect, it } from 'vitest';
import { actionRowFields } from '../modules/actions/action.resolver';
import { installDirectResolvers } from './direct-resolvers';
import { getSchema } from './schema';

describe('direct resolvers', () => {
  it("replace type-graphql's wrapper on the fields every row of the list page resolves", async () => {
    const schema = await getSchema();
    const action = schema.getType('Action');
    if (!isObjectType(action)) throw new Error('no Action type');
    for (const [name, fn] of Object.entries(actionRowFields))
      expect(action.getFields()[name].resolve).toBe(fn);
    expect(Object.keys(actionRowFields).sort()).toEqual([
      'group',
      'latestUpdate',
      'objective',
      'rag',
      'status',
      'tags',
    ]);
  });

  it('refuse fields with arguments, plain fields, unknown fields and guarded fields', async () => {
    const schema = await getSchema();
    const fn = () => null;
    expect(() => installDirectResolvers(schema, { BoardRollup: { tagCoverage: fn } })).toThrow(/arguments/);
    expect(() => installDirectResolvers(schema, { Action: { title: fn } })).toThrow(/not a @FieldResolver/);
    expect(() => installDirectResolvers(schema, { Action: { nothing: fn } })).toThrow(/no field/);
    expect(() => installDirectResolvers(schema, { Nothing: { x: fn } })).toThrow(/no object type/);
    // A field resolver that gains @Authorized (or a middleware) can no longer be installed directly.
    const output = getMetadataStorage().fieldResolvers.find(
      (r) => r.schemaName === 'output' && r.getObjectType?.()?.name === 'ActionType',
    )!;
    const roles = output.roles;
    output.roles = ['ADMIN'];
    try {
      expect(() => installDirectResolvers(schema, { Action: { output: fn } })).toThrow(/@Authorized/);
    } finally {
      output.roles = roles;
    }
  });
});
