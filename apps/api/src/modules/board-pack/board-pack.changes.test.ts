import { daysFromToday } from '../../../test/support/dates';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp, type TestUser } from '../../../test/support/test-app';
import { Role } from '../identity/user.entity';
import { ObjectiveEntity } from '../strategy/objective.entity';
import { StrategyEntity } from '../strategy/strategy.entity';
import { docxText, docxXml, pdfText, savePdf } from './test-support/read-back';

/** The pack's summary says what changed since the last closed round (board-pack.changes.ts). */

describe('board pack: what changed since the last closed round', () => {
  let t: TestApp;
  let admin: TestUser;
  let board: TestUser;
  let strategyId: string;

  const gql = <T>(q: string, variables: Record<string, unknown>) =>
    t.ok<T>(q, variables, { token: admin.token });
  const pack = async (format: 'pdf' | 'docx') => {
    const res = await fetch(`${t.url}/reports/board-pack?strategy=${strategyId}&format=${format}`, {
      headers: { authorization: `Bearer ${board.token}` },
    });
    expect(res.status).toBe(200);
    return Buffer.from(await res.arrayBuffer());
  };

  beforeAll(async () => {
    t = await startTestApp({ mutationsPerMinute: 0 });
    admin = await t.user({ roles: [Role.ADMIN] });
    board = await t.user({ roles: [Role.BOARD] });
    const strategy = await t.dataSource
      .getRepository(StrategyEntity)
      .save({ partnershipId: t.partnershipId, title: 'Pack Strategy', startsOn: daysFromToday(-400) });
    strategyId = strategy.id;
    const objective = await t.dataSource
      .getRepository(ObjectiveEntity)
      .save({ strategyId, code: 'O1', title: 'Prevention' });
    const group = await gql<{ createOperationalGroup: { id: string } }>(
      `mutation G($input: OperationalGroupInput!) { createOperationalGroup(input: $input) { id } }`,
      { input: { name: 'Housing' } },
    );
    const ids: string[] = [];
    for (const ref of ['P1', 'P2', 'P3']) {
      const r = await gql<{ createAction: { id: string } }>(
        `mutation C($input: ActionInput!) { createAction(input: $input) { id } }`,
        {
          input: {
            objectiveId: objective.id,
            groupId: group.createOperationalGroup.id,
            ref,
            title: `Action ${ref}`,
            agreedOn: ref === 'P3' ? daysFromToday(-5) : daysFromToday(-200),
          },
        },
      );
      ids.push(r.createAction.id);
    }
    const update = (actionId: string, reportedOn: string, status: string, rag: string) =>
      gql(`mutation U($input: ActionUpdateInput!) { addActionUpdate(input: $input) { id } }`, {
        input: { actionId, status, rag, progress: 'Progress', reportedOn },
      });
    await update(ids[0], daysFromToday(-100), 'IN_PROGRESS', 'GREEN');
    await update(ids[1], daysFromToday(-100), 'IN_PROGRESS', 'GREEN');
    // After the round's returns were due: P1 turns red, P2 is completed; P3 is new.
    await update(ids[0], daysFromToday(-8), 'IN_PROGRESS', 'RED');
    await update(ids[1], daysFromToday(-6), 'COMPLETE', 'GREEN');
    await t.dataSource.query(
      `INSERT INTO reporting_round (partnership_id, strategy_id, title, period_end, returns_due_on, status, closed_at, opened_by_id)
       VALUES ($1, $2, 'Autumn round', $3, $4, 'CLOSED', now(), $5)`,
      [t.partnershipId, strategyId, daysFromToday(-30), daysFromToday(-10), admin.id],
    );
  }, 120_000);

  afterAll(async () => {
    await t?.close();
  });

  const SENTENCE = new RegExp(
    'From the last closed round \\(Autumn round, returns due \\d+ \\w+ \\d{4}\\) to \\d+ \\w+ \\d{4}: ' +
      '2 actions changed rating or status, 1 newly completed, 0 newly overdue, 1 new action, 0 due dates ' +
      'revised, 0 indicators with new values, 0 recommendations changed status, 0 pieces of survivor ' +
      'feedback answered\\.',
  );

  it('in the Word document', async () => {
    const text = docxText(await docxXml(await pack('docx')));
    expect(text).toContain('What changed since the last closed round');
    expect(text).toMatch(SENTENCE);
  });

  it('in the PDF', async () => {
    const text = pdfText(savePdf(await pack('pdf'))).replace(/\s+/g, ' ');
    expect(text).toContain('What changed since the last closed round');
    expect(text).toMatch(SENTENCE);
  });
});
