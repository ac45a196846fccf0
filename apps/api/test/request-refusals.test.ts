import { Writable } from 'node:stream';
import pino from 'pino';
import { smallPlan } from './support/small-plan';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Role } from '../src/modules/identity/user.entity';
import { startTestApp, type TestApp, type TestUser } from './support/test-app';

// Smaller findings of the attack on a running instance: each answer must be a plain 4xx with a code,
// leave one line in the log, and say nothing about another partnership.

describe('requests no operation can mean', () => {
  let t: TestApp;
  let admin: TestUser;
  const log: string[] = [];

  beforeAll(async () => {
    const sink = new Writable({
      write(chunk, _enc, done) {
        log.push(String(chunk));
        done();
      },
    });
    t = await startTestApp({ logger: pino({ level: 'info' }, sink) });
    admin = await t.user({ roles: [Role.ADMIN] });
  });
  afterAll(() => t?.close());

  const post = async (body: string) => {
    const before = log.length;
    const res = await fetch(`${t.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${admin.token}` },
      body,
    });
    const json = (await res.json()) as { errors?: Array<{ extensions?: { code?: string } }> };
    await new Promise((r) => setTimeout(r, 50));
    return { status: res.status, code: json.errors?.[0]?.extensions?.code, logged: log.slice(before) };
  };

  const deepList = '['.repeat(5000) + '1' + ']'.repeat(5000);
  const deepObject = '{"a":'.repeat(5000) + '1' + '}'.repeat(5000);
  it.each([
    ['a subscription', JSON.stringify({ query: 'subscription { me { id } }' })],
    [
      'a list nested 5,000 deep',
      `{"query":"mutation($i: StrategyInput!) { createStrategy(input: $i) { id } }","variables":{"i":{"title":${deepList}}}}`,
    ],
    [
      'an object nested 5,000 deep',
      `{"query":"mutation($i: StrategyInput!) { createStrategy(input: $i) { id } }","variables":{"i":${deepObject}}}`,
    ],
    ['an unused variable nested 5,000 deep', `{"query":"{ me { id } }","variables":{"x":${deepObject}}}`],
  ])('%s is a 400 with BAD_REQUEST and one log line', async (_, body) => {
    const res = await post(body);
    expect(res.status).toBe(400);
    expect(res.code).toBe('BAD_REQUEST');
    expect(res.logged).toHaveLength(1);
    expect(res.logged[0]).not.toMatch(/stack|RangeError/);
  });
});

describe('what another partnership holds', () => {
  let t: TestApp;
  let admin: TestUser;
  let other: { partnership: string; output: string };

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.user({ roles: [Role.ADMIN] });
    const [p] = await t.dataSource.query(
      `INSERT INTO partnership (name) VALUES ('Other partnership') RETURNING id`,
    );
    await t.services.identity.createUser(
      p.id,
      { email: 'elsewhere@example.org', name: 'Someone Else', password: 'a-long-test-password-9', roles: [] },
      null,
    );
    const [s] = await t.dataSource.query(
      `INSERT INTO strategy (partnership_id, title) VALUES ($1, 'Their strategy') RETURNING id`,
      [p.id],
    );
    const [o] = await t.dataSource.query(
      `INSERT INTO objective (strategy_id, code, title) VALUES ($1, 'O1', 'Theirs') RETURNING id`,
      [s.id],
    );
    const [out] = await t.dataSource.query(
      `INSERT INTO output (objective_id, title) VALUES ($1, 'Their output') RETURNING id`,
      [o.id],
    );
    other = { partnership: p.id, output: out.id };
  });
  afterAll(() => t?.close());

  it('createUser answers an address used in another partnership exactly as one used here', async () => {
    await t.user({ email: 'here@example.org' });
    const C = `mutation($input: CreateUserInput!) { createUser(input: $input) { id } }`;
    const answer = (email: string) =>
      t.request(
        C,
        { input: { email, name: 'New Person', password: 'another-long-pass-77', roles: [] } },
        {
          token: admin.token,
        },
      );
    const elsewhere = await answer('elsewhere@example.org');
    const here = await answer('here@example.org');
    expect(elsewhere.errors).toEqual(here.errors);
    expect(JSON.stringify(elsewhere.errors)).not.toMatch(/exist|partnership/i);
  });

  it("another partnership's output id gets the same error as an unknown one", async () => {
    const plan = await smallPlan(t, admin.token, 'Ours');
    const group = plan.groupId;
    const objective = plan.objective.id;
    const create = (outputId: string) =>
      t.request(
        `mutation($input: ActionInput!) { createAction(input: $input) { id } }`,
        { input: { objectiveId: objective, groupId: group, ref: 'A1', title: 'Train staff', outputId } },
        { token: admin.token },
      );
    const theirs = await create(other.output);
    const unknown = await create('00000000-0000-4000-8000-000000000000');
    expect(theirs.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'outputId' });
    expect(theirs.errors).toEqual(unknown.errors);
  });
});
