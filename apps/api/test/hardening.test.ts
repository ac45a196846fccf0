import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { limitMessages, queryLimits } from '../src/graphql/limits';
import { MAX_BODY_BYTES } from '../src/server';
import { admin, json, logLines, raw, setUp, t, tearDown } from './support/hardening-testbed';

describe('hardening (development mode)', () => {
  beforeAll(setUp);
  afterAll(tearDown);

  describe('CSRF prevention', () => {
    it('refuses a GET without a preflight header, and a form-encoded or text/plain POST', async () => {
      const get = await raw(t, { path: `/graphql?query=${encodeURIComponent('{ me { id } }')}` });
      expect(get.res.status).toBe(400);
      expect(get.text).toMatch(/Cross-Site Request Forgery/);

      for (const type of [
        'text/plain',
        'application/x-www-form-urlencoded',
        'multipart/form-data; boundary=x',
      ]) {
        const post = await raw(t, {
          method: 'POST',
          headers: { 'content-type': type, authorization: `Bearer ${admin.token}` },
          body: JSON.stringify({ query: '{ me { id } }' }),
        });
        expect(post.res.status, type).toBe(400);
        expect(post.text, type).toMatch(/Cross-Site Request Forgery/);
      }
    });

    it('does not let a cross-site form sign the victim out (the mutation never runs)', async () => {
      const u = await t.user();
      const forged = await raw(t, {
        method: 'POST',
        headers: { 'content-type': 'text/plain', cookie: `throughline_session=${u.token}` },
        body: JSON.stringify({ query: 'mutation { logout }' }),
      });
      expect(forged.res.status).toBe(400);
      expect((await t.ok<{ me: { id: string } }>('{ me { id } }', {}, { token: u.token })).me.id).toBe(u.id);
    });

    it('accepts a GET query that carries the preflight header, but never a mutation over GET', async () => {
      const ok = await raw(t, {
        path: `/graphql?query=${encodeURIComponent('{ me { id } }')}`,
        headers: { 'apollo-require-preflight': 'true', authorization: `Bearer ${admin.token}` },
      });
      expect(ok.body.data).toEqual({ me: { id: admin.id } });
      const mutation = await raw(t, {
        path: `/graphql?query=${encodeURIComponent('mutation { logout }')}`,
        headers: { 'apollo-require-preflight': 'true', authorization: `Bearer ${admin.token}` },
      });
      expect(mutation.res.status).toBe(405);
    });
  });

  describe('query limits (graphql-armor)', () => {
    const refused = async (query: string, message: string) => {
      const r = await json(t, { query }, { authorization: `Bearer ${admin.token}` });
      expect(r.body.data ?? null).toBeNull();
      expect(r.code).toBe('GRAPHQL_VALIDATION_FAILED');
      expect(r.body.errors!.map((e) => e.message)).toEqual([message]);
      // The limit itself is not revealed.
      expect(JSON.stringify(r.body)).not.toMatch(
        new RegExp(`\\b(${Object.values(queryLimits).join('|')})\\b`),
      );
      return r;
    };
    const accepted = async (query: string) => {
      const r = await json(t, { query }, { authorization: `Bearer ${admin.token}` });
      expect(r.body.errors).toBeUndefined();
    };
    const nestOfType = (levels: number) =>
      `{ __type(name: "Query") { fields { type ${'{ ofType '.repeat(levels)}{ name }${' }'.repeat(levels)} } } }`;

    it('refuses a query deeper than the depth limit', async () => {
      // __type(1) fields(2) type(3) then `levels` ofType, then name.
      await accepted(nestOfType(queryLimits.maxDepth - 5));
      await refused(nestOfType(queryLimits.maxDepth - 2), limitMessages.depth);
    });

    it('refuses more aliases than the alias limit', async () => {
      const aliases = (n: number) =>
        `{ ${Array.from({ length: n }, (_, i) => `a${i}: me { id }`).join(' ')} }`;
      await accepted(aliases(queryLimits.maxAliases));
      await refused(aliases(queryLimits.maxAliases + 1), limitMessages.aliases);
    });

    it('refuses more directives than the directive limit', async () => {
      const directives = (n: number) => `{ me { ${'id @include(if: true) '.repeat(n)} } }`;
      await accepted(directives(queryLimits.maxDirectives));
      await refused(directives(queryLimits.maxDirectives + 1), limitMessages.directives);
    });

    it('refuses a document with more tokens than the token limit (400, the limit not revealed)', async () => {
      const r = await json(t, { query: `{ me { ${'id '.repeat(queryLimits.maxTokens)} } }` });
      expect(r.res.status).toBe(400);
      expect(r.body.data ?? null).toBeNull();
      expect(r.code).toBe('GRAPHQL_PARSE_FAILED');
      expect(r.body.errors!.map((e) => e.message)).toEqual([limitMessages.tokens]);
      expect(r.text).not.toMatch(String(queryLimits.maxTokens));
    });

    it('answers a document that does not parse with 400, never 500', async () => {
      // graphql-armor's token counter once parsed in a plugin hook, where a syntax error became a 500.
      for (const query of ['{', '{ 8f31403dfe404bccbb0e835f2629c6a7 }', 'query {']) {
        const r = await json(t, { query }, { authorization: `Bearer ${admin.token}` });
        expect(r.res.status, query).toBe(400);
        expect(r.code, query).toBe('GRAPHQL_PARSE_FAILED');
      }
    });

    it('refuses a fragment bomb over the cost limit (small document, huge expansion)', async () => {
      const fanout = (name: string, inner: string) =>
        `fragment ${name} on Query { ${`...${inner} `.repeat(6)} }`;
      const query = [
        '{ ...F5 }',
        'fragment F0 on Query { me { id name email roles } }',
        fanout('F1', 'F0'),
        fanout('F2', 'F1'),
        fanout('F3', 'F2'),
        fanout('F4', 'F3'),
        fanout('F5', 'F4'),
      ].join('\n');
      expect(query.length).toBeLessThan(1000);
      await refused(query, limitMessages.cost);
    });

    it('refuses a request body over the size limit before parsing it', async () => {
      const r = await json(t, { query: `{ me { id } } # ${'x'.repeat(MAX_BODY_BYTES)}` });
      expect(r.res.status).toBe(413);
      expect(r.code).toBe('PAYLOAD_TOO_LARGE');
    });

    it('refuses batched requests (a JSON array body)', async () => {
      const r = await json(t, [{ query: '{ me { id } }' }, { query: '{ me { id } }' }], {
        authorization: `Bearer ${admin.token}`,
      });
      expect(r.res.status).toBe(400);
      expect(r.text).toMatch(/batch/i);
      expect(r.text).not.toMatch(admin.id);
    });

    it('gives no field suggestions that would leak the schema', async () => {
      const r = await json(t, { query: '{ mee { id } }' });
      expect(r.code).toBe('GRAPHQL_VALIDATION_FAILED');
      expect(r.text).not.toMatch(/Did you mean/);
    });
  });

  describe('errors', () => {
    it('refuses U+0000 anywhere in a request with 400, naming the field (PostgreSQL cannot store it)', async () => {
      // Each of these reached SQL and came back as INTERNAL_SERVER_ERROR (found by test/fuzz.test.ts).
      const cases: Array<[string, Record<string, unknown>, string]> = [
        [
          'query($f: FeedbackFilter) { feedback(filter: $f) { totalCount } }',
          { f: { forum: 'x\u0000' } },
          'forum',
        ],
        [
          'query($f: RecommendationFilter) { recommendations(filter: $f) { totalCount } }',
          { f: { agency: '\u0000' } },
          'agency',
        ],
        ['query($k: String) { recommendationThemes(kind: $k) { total } }', { k: 'theme\u0000' }, 'k'],
        ['query($t: String!) { auditTrail(entityType: $t, entityId: "1") { id } }', { t: 'User\u0000' }, 't'],
        [
          'mutation($i: FeedbackInput!) { recordFeedback(input: $i) { id } }',
          { i: { forum: 'F', receivedOn: '2025-01-01', summary: 'S', tags: ['theme:a', 'theme:\u0000'] } },
          'tags',
        ],
        ['{ tags(kind: "\\u0000") { id } }', {}, 'kind'],
        ['{ tags(kind: "x\\u{0}") { id } }', {}, 'kind'],
      ];
      for (const [query, variables, field] of cases) {
        const r = await json(t, { query, variables }, { authorization: `Bearer ${admin.token}` });
        expect(r.res.status, query).toBe(400);
        expect(r.body.errors![0].extensions, query).toEqual({ code: 'BAD_USER_INPUT', field });
      }
    });

    it('refuses a date of year 0000 (the Date scalar took it; PostgreSQL does not)', async () => {
      const r = await json(
        t,
        {
          query: 'query($d: Date) { boardRollup(strategyId: "1", asOf: $d) { asOf } }',
          variables: { d: '0000-01-01' },
        },
        { authorization: `Bearer ${admin.token}` },
      );
      expect(r.body.errors![0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'd' });
    });

    it('names the variable or field GraphQL itself refuses: left out, null, wrong type, unknown', async () => {
      const doc =
        'mutation($id: ID!, $version: Int!) { setUserActive(id: $id, version: $version, active: true) { id } }';
      const cases: Array<[Record<string, unknown>, string]> = [
        [{ version: 1 }, 'id'], // left out (found by test/fuzz.test.ts: no field was named)
        [{ id: null, version: 1 }, 'id'],
        [{ id: admin.id, version: 'one' }, 'version'],
      ];
      for (const [variables, field] of cases) {
        const r = await json(t, { query: doc, variables }, { authorization: `Bearer ${admin.token}` });
        expect(r.body.errors![0].extensions, JSON.stringify(variables)).toEqual({
          code: 'BAD_USER_INPUT',
          field,
        });
      }
      const unknown = await json(
        t,
        {
          query:
            'mutation($input: ObjectivePatch!) { updateObjective(id: "x", version: 1, input: $input) { id } }',
          variables: { input: { colour: 'red' } },
        },
        { authorization: `Bearer ${admin.token}` },
      );
      expect(unknown.body.errors![0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'colour' });
    });

    it('masks unexpected errors: no stack, no SQL, the request id in the message; logs the full error', async () => {
      // Break the table behind auditTrail, so its resolver fails with a database error.
      await t.dataSource.query('ALTER TABLE audit_entry RENAME TO audit_entry_moved');
      let r: Awaited<ReturnType<typeof json>>;
      try {
        r = await json(
          t,
          { query: '{ auditTrail(entityType: "User", entityId: "1") { id } }' },
          { authorization: `Bearer ${admin.token}`, 'x-request-id': 'req-mask-test-1' },
        );
      } finally {
        await t.dataSource.query('ALTER TABLE audit_entry_moved RENAME TO audit_entry');
      }
      expect(r.res.headers.get('x-request-id')).toBe('req-mask-test-1');
      const error = r.body.errors![0];
      expect(error.extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR', requestId: 'req-mask-test-1' });
      expect(error.message).toContain('req-mask-test-1');
      expect(r.text).not.toMatch(/audit_entry|relation|SELECT|stack|QueryFailedError|\.ts:\d+/i);

      const logged = logLines.map((l) => JSON.parse(l)).find((l) => l.msg === 'unexpected error');
      expect(logged).toBeDefined();
      expect(logged.requestId).toBe('req-mask-test-1');
      expect(logged.err.message).toBe('relation "audit_entry" does not exist');
      expect(logged.err.stack).toBeTruthy();
    });

    it('never logs passwords, tokens or cookies', async () => {
      const u = await t.user();
      await json(t, {
        query: 'mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }',
        variables: { e: u.email, p: 'a-long-test-password' },
      });
      await json(
        t,
        { query: '{ auditTrail(entityType: "x", entityId: "1") { id } }' },
        { cookie: `throughline_session=${u.token}` },
      );
      // Security events are logged, with the user id and never the secrets.
      await json(t, {
        query: 'mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }',
        variables: { e: u.email, p: 'a-wrong-password-123' },
      });
      await json(t, { query: '{ users { id } }' }, { authorization: `Bearer ${u.token}` });
      // A password change, refused (wrong current password) and then done.
      const change =
        'mutation($c: String!, $n: String!) { changePassword(currentPassword: $c, newPassword: $n) }';
      for (const c of ['a-wrong-password-123', 'a-long-test-password']) {
        await json(
          t,
          { query: change, variables: { c, n: 'marble-otter-chimney-42' } },
          { authorization: `Bearer ${u.token}` },
        );
      }
      const events = logLines.map((l) => JSON.parse(l)).filter((l) => l.event);
      expect(events.find((e) => e.event === 'login.failed')).toMatchObject({ userId: u.id });
      expect(events.filter((e) => e.event === 'authz.denied').map((e) => [e.userId, e.field])).toContainEqual(
        [u.id, 'Query.users'],
      );
      const all = logLines.join('\n');
      expect(all).not.toContain('a-long-test-password');
      expect(all).not.toContain('a-wrong-password-123');
      expect(all).not.toContain('marble-otter-chimney-42');
      expect(events.map((e) => e.event)).toEqual(
        expect.arrayContaining(['password.change.failed', 'password.changed']),
      );
      expect(all).not.toContain(u.token);
      expect(all).not.toContain(u.email);
    });

    it('names the offending field of invalid input', async () => {
      const r = await json(
        t,
        {
          query: 'mutation($i: CreateUserInput!) { createUser(input: $i) { id } }',
          variables: {
            i: { email: 'someone@example.org', name: '', password: 'a-long-password', roles: [] },
          },
        },
        { authorization: `Bearer ${admin.token}` },
      );
      expect(r.body.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'name' });

      // Refused by GraphQL itself, before any resolver: a missing, an unknown and a mistyped field.
      const cases: Array<[Record<string, unknown>, string]> = [
        [{ name: 'X', password: 'a-long-password' }, 'email'],
        [{ email: 'a@example.org', name: 'X', password: 'a-long-password', colour: 'red' }, 'colour'],
        [{ email: 'a@example.org', name: 'X', password: 'a-long-password', roles: ['KING'] }, 'roles'],
      ];
      for (const [i, field] of cases) {
        const refused = await json(
          t,
          { query: 'mutation($i: CreateUserInput!) { createUser(input: $i) { id } }', variables: { i } },
          { authorization: `Bearer ${admin.token}` },
        );
        expect(refused.body.errors![0].extensions, field).toMatchObject({ code: 'BAD_USER_INPUT', field });
      }
    });

    it('serves the landing page in development only (see the production test)', async () => {
      const r = await raw(t, { headers: { accept: 'text/html' } });
      expect(r.res.headers.get('content-type')).toMatch(/text\/html/);
    });

    it('sets protective headers on the API', async () => {
      const r = await json(t, { query: '{ me { id } }' });
      expect(r.res.headers.get('cache-control')).toBe('no-store');
      expect(r.res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(r.res.headers.get('x-powered-by')).toBeNull();
    });
  });
});
