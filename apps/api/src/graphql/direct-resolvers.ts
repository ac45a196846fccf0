import { isObjectType, type GraphQLFieldResolver, type GraphQLSchema } from 'graphql';
import { getMetadataStorage } from 'type-graphql';
import type { GraphQLContext } from './context';

/** A field's resolver as the schema calls it: (root, args, context). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- roots are the types' backing rows
export type DirectResolver = (root: any, args: Record<string, never>, ctx: GraphQLContext) => unknown;

/**
 * type-graphql wraps every @FieldResolver call: per call it sorts the parameter metadata, builds the
 * resolver data and the parameter array (about 1.7 kB of garbage a call; docs/performance.md). For the
 * relation fields resolved on every row of a list page (Action.group on 50 actions, ...) the wrapper
 * costs more than the resolver, so the built schema gets these plain functions instead; the
 * @FieldResolver methods call the same functions, so both paths answer alike.
 * Only fields with no arguments, no @Authorized and no middleware qualify: anything else is refused
 * here, so a later @Authorized on such a field cannot be bypassed silently.
 */
export function installDirectResolvers(
  schema: GraphQLSchema,
  byType: Record<string, Record<string, DirectResolver>>,
): void {
  const storage = getMetadataStorage();
  for (const [typeName, fields] of Object.entries(byType)) {
    const type = schema.getType(typeName);
    if (!isObjectType(type)) throw new Error(`direct resolvers: no object type ${typeName}`);
    for (const [fieldName, resolve] of Object.entries(fields)) {
      const field = type.getFields()[fieldName];
      if (!field) throw new Error(`direct resolvers: no field ${typeName}.${fieldName}`);
      const meta = storage.fieldResolvers.filter((r) => {
        const target = r.getObjectType?.();
        return (
          r.schemaName === fieldName &&
          storage.objectTypes.some((t) => t.target === target && t.name === typeName)
        );
      });
      if (meta.length === 0)
        throw new Error(`direct resolvers: ${typeName}.${fieldName} is not a @FieldResolver`);
      const guarded = meta.some((r) => (r.roles?.length ?? 0) > 0 || (r.middlewares?.length ?? 0) > 0);
      if (field.args.length > 0 || guarded) {
        throw new Error(
          `direct resolvers: ${typeName}.${fieldName} has arguments, @Authorized or middleware`,
        );
      }
      field.resolve = resolve as GraphQLFieldResolver<unknown, GraphQLContext>;
    }
  }
}
