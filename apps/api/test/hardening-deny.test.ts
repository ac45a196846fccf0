import {
  GraphQLEnumType,
  GraphQLInputObjectType,
  GraphQLList,
  GraphQLNonNull,
  GraphQLScalarType,
  getNamedType,
  isLeafType,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
} from 'graphql';
import { getMetadataStorage } from 'type-graphql';
import { startTestApp, type TestApp } from './support/test-app';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getSchema } from '../src/graphql/schema';
import { json, raw, setUp, t, tearDown } from './support/hardening-testbed';

describe('hardening (development mode)', () => {
  beforeAll(setUp);
  afterAll(tearDown);

  describe('default deny', () => {
    /** A literal for an argument of this type, valid enough for GraphQL validation to pass. */
    function literal(type: GraphQLInputType): string {
      if (type instanceof GraphQLNonNull) return literal(type.ofType);
      if (type instanceof GraphQLList) return `[${literal(type.ofType)}]`;
      if (type instanceof GraphQLEnumType) return type.getValues()[0].name;
      if (type instanceof GraphQLInputObjectType) {
        const fields = Object.values(type.getFields()).filter((f) => f.type instanceof GraphQLNonNull);
        return `{ ${fields.map((f) => `${f.name}: ${literal(f.type)}`).join(', ')} }`;
      }
      const scalar = type as GraphQLScalarType;
      switch (scalar.name) {
        case 'Int':
          return '1';
        case 'Float':
          return '1.5';
        case 'Boolean':
          return 'true';
        case 'ID':
          return '"00000000-0000-4000-8000-000000000000"';
        case 'Date':
          return '"2025-01-01"';
        case 'DateTimeISO':
          return '"2025-01-01T00:00:00Z"';
        default:
          return '"x"';
      }
    }
    function operationFor(kind: 'query' | 'mutation', field: GraphQLField<unknown, unknown>): string {
      const args = field.args
        .filter((a: GraphQLArgument) => a.type instanceof GraphQLNonNull)
        .map((a) => `${a.name}: ${literal(a.type)}`);
      const selection = isLeafType(getNamedType(field.type)) ? '' : ' { __typename }';
      return `${kind} { ${field.name}${args.length ? `(${args.join(', ')})` : ''}${selection} }`;
    }

    it('answers every query and mutation but login with UNAUTHENTICATED for anonymous callers (me gives null)', async () => {
      const schema = await getSchema();
      const roots = [
        ['query', schema.getQueryType()!],
        ['mutation', schema.getMutationType()!],
      ] as const;
      const tried: string[] = [];
      for (const [kind, root] of roots) {
        for (const field of Object.values(root.getFields())) {
          if (field.name === 'login') continue;
          const op = operationFor(kind, field);
          const r = await json(t, { query: op });
          if (field.name === 'me') {
            expect(r.body).toEqual({ data: { me: null } });
            continue;
          }
          expect(r.code, `${op} -> ${r.text}`).toBe('UNAUTHENTICATED');
          tried.push(field.name);
        }
      }
      expect(tried).toEqual(
        expect.arrayContaining([
          'users',
          'auditTrail',
          'createUser',
          'updateUserRoles',
          'logout',
          'changePassword',
        ]),
      );
    });

    it('carries @Authorized on every query and mutation except login and me', async () => {
      await getSchema();
      const storage = getMetadataStorage();
      const unguarded = [...storage.queries, ...storage.mutations]
        .filter((r) => !['login', 'me'].includes(r.schemaName))
        .filter(
          (r) =>
            !storage.authorizedFields.some((a) => a.target === r.target && a.fieldName === r.methodName) &&
            !storage.authorizedResolver.some((a) => a.target === r.target),
        )
        .map((r) => r.schemaName);
      expect(unguarded).toEqual([]);
      expect(storage.queries.length + storage.mutations.length).toBeGreaterThan(5);
    });
  });
});

describe('hardening (production mode)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ production: true });
  });
  afterAll(() => t.close());

  it('refuses introspection', async () => {
    const r = await json(t, { query: '{ __schema { types { name } } }' });
    expect(r.body.data ?? null).toBeNull();
    expect(r.code).toBe('GRAPHQL_VALIDATION_FAILED');
    const typeQuery = await json(t, { query: '{ __type(name: "Query") { name } }' });
    expect(typeQuery.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('serves no landing page', async () => {
    const r = await raw(t, { headers: { accept: 'text/html' } });
    expect(r.res.headers.get('content-type') ?? '').not.toMatch(/text\/html/);
    expect(r.text).not.toMatch(/<html|<!doctype/i);
  });
});
