/** The fuzz test's arbitraries: the operations of the schema, the ids to try and the values for each input type (see test/fuzz.test.ts). */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import {
  buildSchema,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isLeafType,
  isListType,
  isNonNullType,
  isRequiredArgument,
  isScalarType,
  type GraphQLField,
  type GraphQLInputType,
} from 'graphql';

export const SEED = Number(process.env.FUZZ_SEED ?? 20260601);
export const RUNS = Number(process.env.FUZZ_RUNS ?? 30);

/** The contract's error codes (docs/graphql-contract.md). */
export const CONTRACT_CODES = ['UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND', 'BAD_USER_INPUT', 'CONFLICT'];
/**
 * login and changePassword are throttled by design (docs/security.md): checking a password is refused
 * with TOO_MANY_REQUESTS after repeated failures, which random passwords produce.
 */
export const EXTRA_CODES: Record<string, string[]> = {
  login: ['TOO_MANY_REQUESTS'],
  changePassword: ['TOO_MANY_REQUESTS'],
};
/** logout has nothing to fuzz, and would end the session the fuzzing signs in with. */
export const NOT_FUZZED = new Set(['logout']);

// The committed SDL (kept fresh by `npm run codegen:check`): read synchronously, so there is one test per mutation.
export const schema = buildSchema(readFileSync(path.resolve(__dirname, '../../schema.graphql'), 'utf8'));
export type Field = GraphQLField<unknown, unknown>;
/** Every mutation, and every query that takes arguments (reads are fuzzed too: filters reach SQL). */
export const operations: Array<{ kind: 'mutation' | 'query'; field: Field }> = [
  ...Object.values(schema.getMutationType()!.getFields()).map((field) => ({
    kind: 'mutation' as const,
    field,
  })),
  ...Object.values(schema.getQueryType()!.getFields()).map((field) => ({ kind: 'query' as const, field })),
].filter(({ field }) => !NOT_FUZZED.has(field.name) && field.args.length > 0);

// ---------------------------------------------------------------- values

/**
 * Ids of real records by kind, filled in before the runs (the arbitraries read them lazily). An id
 * argument or field is matched to its kind by name (`groupId`, `memberIds`; `id` by the mutation).
 */
export const ids: Record<string, string[]> = {};
export const KIND_BY_NAME: Record<string, string> = {
  strategyId: 'strategy',
  objectiveId: 'objective',
  objectiveIds: 'objective',
  outcomeId: 'outcome',
  outcomeIds: 'outcome',
  outputId: 'output',
  indicatorId: 'indicator',
  groupId: 'group',
  actionId: 'action',
  actionIds: 'action',
  reviewId: 'review',
  recommendationId: 'recommendation',
  feedbackId: 'feedback',
  userId: 'user',
  chairId: 'user',
  coordinatorId: 'user',
  memberIds: 'user',
};
export function kindOfId(operation: string, name: string): string | undefined {
  if (name !== 'id') return KIND_BY_NAME[name];
  if (operation === 'setRecommendationStatus') return 'recommendation';
  if (operation === 'updateUserRoles' || operation === 'setUserActive') return 'user';
  if (operation === 'redactFeedback') return 'feedback';
  if (['action', 'strategy', 'review', 'recommendation'].includes(operation)) return operation;
  const m = /^update(\w+)$/.exec(operation);
  return m
    ? ({ OperationalGroup: 'group' }[m[1]] ?? m[1].charAt(0).toLowerCase() + m[1].slice(1))
    : undefined;
}
export const pick = (list: () => string[]) => fc.nat().map((i) => list()[i % list().length]);

export const plausibleString = fc.constantFrom(
  'Housing',
  'Train 200 GPs to spot coercive control',
  'O1',
  'HP3',
  'Westminster',
  'strand:domestic-abuse',
  'theme:information-sharing',
  'ecological-level:community',
  'ecological-level:galaxy',
  'no-colon-tag',
  'kind:',
  ':slug',
  'fuzz@example.org',
  'a-long-fuzzing-password',
  'Police',
  'Survivors said the helpline closed too early.',
);
export const hostileString = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.string({ unit: 'grapheme', maxLength: 30 }),
  fc.constantFrom(
    '',
    ' ',
    '\u0000',
    'nul\u0000inside',
    'bell\u0007',
    'line\r\nbreak',
    '\uFEFFbom',
    'right-to-left \u202Eevil',
    "'; DROP TABLE action; --",
    '%_\\',
    '<script>alert(1)</script>',
    '=HYPERLINK("http://x")',
    '😀👩‍👩‍👧‍👦',
    'Ǆǅǆ ﬁ ß',
  ),
  // Huge: past every text limit. Bodies over the server's size limit are skipped (hardening tests those).
  fc.integer({ min: 201, max: 12_000 }).chain((n) => fc.constantFrom('x'.repeat(n), 'é'.repeat(n))),
);
export const stringArb = fc.oneof(
  { weight: 4, arbitrary: plausibleString },
  { weight: 2, arbitrary: hostileString },
  // Valid-looking text with a NUL or an escape in it: passes most checks, and PostgreSQL refuses a NUL.
  {
    weight: 1,
    arbitrary: fc.tuple(plausibleString, fc.constantFrom('\u0000', '\u001B')).map(([a, b]) => a + b),
  },
);

export function idArb(kind: string | undefined): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: kind ? 8 : 0, arbitrary: pick(() => ids[kind!] ?? ids.all) },
    { weight: 3, arbitrary: pick(() => ids.all) },
    { weight: 1, arbitrary: fc.uuid() },
    {
      weight: 2,
      arbitrary: fc.constantFrom(
        '',
        'not-an-id',
        '00000000-0000-0000-0000-000000000000',
        'FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF',
        "1' OR '1'='1",
        '1',
        '-1',
        'x'.repeat(5000),
      ),
    },
    // GraphQL's ID also takes an integer, as a string.
    { weight: 1, arbitrary: fc.integer() },
  );
}

export const intArb = fc.oneof(
  { weight: 3, arbitrary: fc.integer({ min: -5, max: 400 }) },
  { weight: 1, arbitrary: fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }) },
  { weight: 1, arbitrary: fc.constantFrom(0, -1, 2 ** 31 - 1, -(2 ** 31)) },
);
export const floatArb = fc.oneof(
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.double({ min: -1000, max: 1000, noNaN: true }),
  fc.constantFrom(0, -0, 0.5, 1, 1.0000001, -1, 1e308, -1e308, 5e-324, 2 ** 53 + 1),
);
export const dateArb = fc.oneof(
  {
    weight: 4,
    arbitrary: fc
      .date({ min: new Date('1990-01-01'), max: new Date('2035-12-31'), noInvalidDate: true })
      .map((d) => d.toISOString().slice(0, 10)),
  },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      '2025-02-30',
      '2025-13-01',
      '2025-00-10',
      '2024-02-29',
      '0000-01-01',
      '0001-01-01',
      '1000-01-01',
      '9999-12-31',
      '2999-01-01',
      '2025-1-1',
      '2025-01-01T00:00:00Z',
      '01/02/2025',
      '+275760-09-13',
      '',
    ),
  },
);

/** Any JSON: the wrong type wherever it lands. */
export const wrongType = fc.jsonValue({ maxDepth: 2 });
/** Well-typed values only, or anything at all. */
export type Mode = 'typed' | 'hostile';

export function scalarArb(name: string, mode: Mode, kind: string | undefined): fc.Arbitrary<unknown> {
  const typed = ((): fc.Arbitrary<unknown> => {
    switch (name) {
      case 'ID':
        return idArb(kind);
      case 'String':
        return stringArb;
      case 'Int':
        return intArb;
      case 'Float':
        return floatArb;
      case 'Boolean':
        return fc.boolean();
      case 'Date':
        return dateArb;
      default:
        return wrongType;
    }
  })();
  if (mode === 'typed') return typed;
  return fc.oneof(
    { weight: 3, arbitrary: typed },
    { weight: 1, arbitrary: fc.constantFrom(2 ** 31, -(2 ** 53), 1e21, 1.5, '1', 'true', 'GREEN') },
    { weight: 1, arbitrary: wrongType },
  );
}

/** Values for a GraphQL input type; `undefined` means "left out". `name` is the field or argument's. */
export function valueArb(
  type: GraphQLInputType,
  mode: Mode,
  operation: string,
  name: string,
): fc.Arbitrary<unknown> {
  if (isNonNullType(type)) {
    const inner = valueArb(type.ofType, mode, operation, name);
    if (mode === 'typed') return inner;
    return fc.oneof(
      { weight: 6, arbitrary: inner },
      { weight: 1, arbitrary: fc.constantFrom(null, undefined) },
      { weight: 1, arbitrary: wrongType },
    );
  }
  let inner: fc.Arbitrary<unknown>;
  if (isListType(type)) {
    const item = valueArb(type.ofType, mode, operation, name);
    // GraphQL also takes a single value for a list.
    inner = fc.oneof(
      { weight: 6, arbitrary: fc.array(item, { maxLength: 4 }) },
      { weight: 1, arbitrary: item },
    );
  } else if (isInputObjectType(type)) {
    const fields = Object.values(type.getFields());
    const record = fc.record(
      Object.fromEntries(fields.map((f) => [f.name, valueArb(f.type, mode, operation, f.name)])),
      // Typed: every required field is there; hostile: any may be missing.
      {
        requiredKeys: mode === 'typed' ? fields.filter((f) => isNonNullType(f.type)).map((f) => f.name) : [],
      },
    );
    inner =
      mode === 'typed'
        ? record
        : fc
            .tuple(record, fc.option(fc.tuple(fc.constantFrom('unknownField', 'id', '__proto__'), wrongType)))
            .map(([r, extra]) => (extra ? { ...r, [extra[0]]: extra[1] } : r));
  } else if (isEnumType(type)) {
    const values = type.getValues().map((v) => v.name);
    inner =
      mode === 'typed'
        ? fc.constantFrom(...values)
        : fc.oneof(
            { weight: 4, arbitrary: fc.constantFrom(...values) },
            { weight: 1, arbitrary: fc.constantFrom(...values).map((v) => v.toLowerCase()) },
            { weight: 1, arbitrary: stringArb },
          );
  } else if (isScalarType(type)) {
    inner = scalarArb(type.name, mode, kindOfId(operation, name));
  } else {
    inner = wrongType;
  }
  return fc.oneof(
    { weight: 8, arbitrary: inner },
    { weight: 1, arbitrary: fc.constantFrom(null, undefined) },
    { weight: mode === 'typed' ? 0 : 1, arbitrary: wrongType },
  );
}

export function variablesArb(field: Field, mode: Mode) {
  return fc.record(
    Object.fromEntries(field.args.map((a) => [a.name, valueArb(a.type, mode, field.name, a.name)])),
    { requiredKeys: mode === 'typed' ? field.args.filter(isRequiredArgument).map((a) => a.name) : [] },
  );
}

// ---------------------------------------------------------------- documents

/** `mutation($a: T!) { m(a: $a) { <its leaf fields> } }`: variables named as the arguments. */
export function documentFor(kind: 'mutation' | 'query', field: Field): string {
  const vars = field.args.map((a) => `$${a.name}: ${a.type.toString()}`).join(', ');
  const args = field.args.map((a) => `${a.name}: $${a.name}`).join(', ');
  const returned = getNamedType(field.type);
  let selection = '';
  if (!isLeafType(returned) && 'getFields' in returned) {
    const leaves = Object.values(returned.getFields())
      .filter((f) => isLeafType(getNamedType(f.type)) && !f.args.some(isRequiredArgument))
      .map((f) => f.name);
    selection = ` { __typename ${leaves.join(' ')} }`;
  }
  return `${kind} Fuzz(${vars}) { ${field.name}(${args})${selection} }`;
}

/** Every argument and input-field name an operation takes: a BAD_USER_INPUT must name one of them. */
export function fieldNamesOf(field: Field): Set<string> {
  const names = new Set<string>();
  const walk = (type: GraphQLInputType) => {
    const named = getNamedType(type);
    if (!isInputObjectType(named)) return;
    for (const f of Object.values(named.getFields())) {
      if (names.has(`${named.name}.${f.name}`)) continue;
      names.add(`${named.name}.${f.name}`);
      names.add(f.name);
      walk(f.type);
    }
  };
  for (const a of field.args) {
    names.add(a.name);
    walk(a.type);
  }
  return names;
}

// ---------------------------------------------------------------- the runs
