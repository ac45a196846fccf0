import fs from 'node:fs';
import path from 'node:path';
import { smallPlan } from '../../../test/support/small-plan';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp, type TestUser } from '../../../test/support/test-app';
import { Role } from '../identity/user.entity';

// Both directions of the personal-identifier screen, pinned by corpus files and sent over GraphQL:
// disguised identifiers must all be refused, plain sentences from the source documents all kept.

const corpus = (file: string) =>
  fs
    .readFileSync(path.join(__dirname, 'test-support', file), 'utf8')
    .split('\n')
    .filter((l) => l.trim() && !l.startsWith('#'))
    .map((l) => l.replace(/\\u([0-9a-f]{4})/gi, (_, h: string) => String.fromCharCode(parseInt(h, 16))));

const DISGUISED = corpus('disguised-identifiers.txt');
const PLAIN = corpus('plain-sentences.txt');

const RECORD = `mutation($input: FeedbackInput!) { recordFeedback(input: $input) { id } }`;
const UPDATE = `mutation($input: ActionUpdateInput!) { addActionUpdate(input: $input) { id } }`;

type Answer = { data?: unknown; errors?: Array<{ message: string; extensions: Record<string, unknown> }> };

describe('the personal-identifier screen, over GraphQL', () => {
  let t: TestApp;
  let facilitator: TestUser;
  let admin: TestUser;
  let actionId: string;

  const feedback = (input: Record<string, unknown>) =>
    t.request(
      RECORD,
      { input: { forum: 'Survivor forum', receivedOn: '2024-05-01', summary: 'We were heard.', ...input } },
      { token: facilitator.token },
    ) as Promise<Answer>;
  const update = (input: Record<string, unknown>) =>
    t.request(
      UPDATE,
      { input: { actionId, status: 'IN_PROGRESS', ...input } },
      { token: admin.token },
    ) as Promise<Answer>;

  const refusedNaming = (res: Answer, field: string, secret: string) => {
    expect(res.errors?.[0].extensions, secret).toMatchObject({ code: 'BAD_USER_INPUT', field });
    // The refusal never repeats what it found.
    const digits = secret.normalize('NFKC').replace(/\D/g, '');
    if (digits.length >= 6) expect(JSON.stringify(res.errors)).not.toContain(digits);
  };

  beforeAll(async () => {
    t = await startTestApp({ mutationsPerMinute: 0 });
    facilitator = await t.user({ roles: [Role.FACILITATOR] });
    admin = await t.user({ roles: [Role.ADMIN] });
    const ok = <T>(doc: string, input: Record<string, unknown>) =>
      t.ok<T>(doc, { input }, { token: admin.token });
    const plan = await smallPlan(t, admin.token, 'VAWG strategy');
    const group = plan.groupId;
    const objective = plan.objective.id;
    actionId = (
      await ok<{ createAction: { id: string } }>(
        `mutation($input: ActionInput!) { createAction(input: $input) { id } }`,
        { objectiveId: objective, groupId: group, ref: 'A1', title: 'Train housing officers' },
      )
    ).createAction.id;
  });
  afterAll(() => t?.close());

  it('has a corpus worth the name', () => {
    expect(DISGUISED.length).toBeGreaterThanOrEqual(30);
    expect(PLAIN.length).toBeGreaterThanOrEqual(100);
  });

  it('refuses every disguised identifier in feedback, naming the field', async () => {
    for (const secret of DISGUISED)
      refusedNaming(await feedback({ summary: `She said: ${secret}.` }), 'summary', secret);
  });

  it("refuses them in an action update's progress and impact too", async () => {
    for (const secret of DISGUISED.slice(0, 12)) {
      refusedNaming(await update({ progress: `Called the victim on ${secret}` }), 'progress', secret);
      refusedNaming(await update({ progress: 'On track', impact: `Reached ${secret}` }), 'impact', secret);
    }
    const kept = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM action_update WHERE action_id = $1`,
      [actionId],
    );
    expect(kept[0].n).toBe(0);
  });

  it('screens tags', async () => {
    for (const tag of ['contact:07700-900-123', 'area:sw1a-1aa', 'ni:jt-48-92-17-a']) {
      refusedNaming(await feedback({ tags: [tag] }), 'tags', tag);
    }
    expect((await feedback({ tags: ['theme:housing-2019-20'] })).errors).toBeUndefined();
  });

  it('keeps every plain sentence from the source documents', async () => {
    for (const sentence of PLAIN) {
      const res = await feedback({ summary: sentence });
      expect(res.errors, sentence).toBeUndefined();
    }
    expect((await update({ progress: PLAIN[0], impact: PLAIN[1] })).errors).toBeUndefined();
  }, 120_000);
});
