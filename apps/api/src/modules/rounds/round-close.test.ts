import { daysFromToday } from '../../../test/support/dates';
import { viewerOf } from '../../../test/support/viewer';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openRound, roundPlan, twoRecommendations } from '../../../test/support/closed-round';
import { startTestApp, type TestApp, type TestUser } from '../../../test/support/test-app';
import { Role } from '../identity/user.entity';

/**
 * Closing a round (docs/rollup-rules.md, "Closed periods and restatements") through the public
 * GraphQL API: the record frozen at closing, refused back-dated writes, restatements, permissions,
 * and the board pack of the round's record.
 */

const TALLY = `total red amber green unrated notStarted inProgress complete cancelled overdue staleUpdates`;
/** Every figure the board reads, as the board page asks for them. */
const ROLLUP = `asOf strategy { id title } totals { ${TALLY} }
  objectives { score derivedRag objective { id code title } actions { ${TALLY} }
    outputs { score derivedRag output { id title } actions { ${TALLY} } }
    outcomes { outcome { id title } indicators { baseline target latest latestPeriod progress reportingPeriod
      notReported partnershipWide { area period value } areas { area period value } series { area period value }
      indicator { id name } } } }
  tagCoverage(kind: "ecological-level") { actionCount objective { id } tag { slug label } }
  recommendations { total open inProgress implemented assured overdue }
  feedback { total responded }
  feedbackDecisions { total takenUp partlyTakenUp notTakenUp noted undecided }`;
const RECORD = `query R($id: ID!) { reportingRound(id: $id) { status closedAt rollup { ${ROLLUP} } } }`;
const ROUND = `query R($id: ID!) { reportingRound(id: $id) { id status closedAt
  recordedReturns { groupName status approved }
  restatements { entityType entityId field effectiveOn what fromValue toValue reason at by { name } } } }`;
const LIVE = `query L($s: ID!, $asOf: Date) { boardRollup(strategyId: $s, asOf: $asOf) { ${ROLLUP} } }`;
const OPEN = `mutation O($input: ReportingRoundInput!) { openReportingRound(input: $input) {
  id returns { id version group { name } } } }`;
const CLOSE = `mutation C($id: ID!) { closeReportingRound(id: $id) { id status closedAt } }`;
const UPDATE = `mutation U($input: ActionUpdateInput!) { addActionUpdate(input: $input) { id } }`;
const REC_STATUS = `mutation S($input: RecommendationStatusInput!) { setRecommendationStatus(input: $input) { id status } }`;
const MEASURE = `mutation M($input: MeasurementInput!) { recordMeasurement(input: $input) { id value } }`;
const SUBMIT = `mutation S($id: ID!, $version: Int!) { submitGroupReturn(id: $id, version: $version) { id version } }`;
const APPROVE = `mutation A($id: ID!, $version: Int!) { approveGroupReturn(id: $id, version: $version) { id status } }`;

type Errs = { errors?: Array<{ message: string; extensions?: Record<string, unknown> }> };

describe('closing a reporting round', () => {
  let t: TestApp;
  let admin: TestUser;
  let chair: TestUser;
  let board: TestUser;
  let panel: TestUser;
  let strategyId: string;
  let indicatorId: string;
  let roundId: string;
  let secretRec: string;
  let openRec: string;
  let actions: Record<string, string>;
  const periodEnd = daysFromToday(-30);
  const returnsDueOn = daysFromToday(-20);
  const inPeriod = daysFromToday(-25);
  let recordAsAdmin: string;
  let recordAsBoard: string;

  const record = async (token: string) =>
    JSON.stringify(await t.ok<{ reportingRound: unknown }>(RECORD, { id: roundId }, { token }));
  const refusal = (res: Errs) => ({
    code: res.errors?.[0]?.extensions?.code,
    field: res.errors?.[0]?.extensions?.field,
    message: res.errors?.[0]?.message ?? '',
  });

  beforeAll(async () => {
    t = await startTestApp({ mutationsPerMinute: 0 });
    admin = await t.user({ roles: [Role.ADMIN], name: 'Lena Lead' });
    chair = await t.user({ name: 'Cara Chair' });
    board = await t.user({ roles: [Role.BOARD], name: 'Bo Board' });
    panel = await t.user({ roles: [Role.DHR_PANEL], name: 'Pat Panel' });
    const v = viewerOf(t, admin, 'Lena Lead');
    const plan = await roundPlan(t, v, {
      chairId: chair.id,
      refs: ['A1', 'A2'],
      tags: ['ecological-level:community'],
      indicator: true,
    });
    ({ strategyId, actionIds: actions } = plan);
    indicatorId = plan.indicatorId!;
    const update = (actionId: string, reportedOn: string, status: string, rag: string | null) =>
      t.ok(
        UPDATE,
        { input: { actionId, status, rag, progress: 'Work done', reportedOn } },
        { token: admin.token },
      );
    await update(actions.A1, daysFromToday(-100), 'IN_PROGRESS', 'RED');
    await update(actions.A1, daysFromToday(-28), 'IN_PROGRESS', 'AMBER');
    await update(actions.A2, daysFromToday(-27), 'IN_PROGRESS', 'GREEN');
    await t.ok(
      MEASURE,
      { input: { indicatorId, period: daysFromToday(-60), value: 27 } },
      { token: admin.token },
    );

    ({ confidential: secretRec, open: openRec } = await twoRecommendations(t, v));

    const opened = await openRound(t, admin, strategyId, { periodEnd, returnsDueOn });
    roundId = opened.id;
    const [ret] = opened.returns;
    const submitted = await t.ok<{ submitGroupReturn: { version: number } }>(
      SUBMIT,
      { id: ret.id, version: ret.version },
      { token: chair.token },
    );
    await t.ok(APPROVE, { id: ret.id, version: submitted.submitGroupReturn.version }, { token: admin.token });
  }, 120_000);

  afterAll(async () => {
    await t?.close();
  });

  it('may be closed by an admin only, once', async () => {
    for (const who of [chair, board, panel]) {
      const res = (await t.request(CLOSE, { id: roundId }, { token: who.token })) as Errs;
      expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
    const closed = await t.ok<{ closeReportingRound: { status: string; closedAt: string } }>(
      CLOSE,
      { id: roundId },
      { token: admin.token },
    );
    expect(closed.closeReportingRound.status).toBe('CLOSED');
    expect(closed.closeReportingRound.closedAt).toBeTruthy();
    const again = refusal((await t.request(CLOSE, { id: roundId }, { token: admin.token })) as Errs);
    expect(again).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id' });
    expect(again.message).toContain('Quarter 3');
    const [audit] = (await t.dataSource.query(
      `SELECT actor_id FROM audit_entry WHERE operation = 'closeReportingRound' AND entity_id = $1`,
      [roundId],
    )) as Array<{ actor_id: string }>;
    expect(audit.actor_id).toBe(admin.id);

    recordAsAdmin = await record(admin.token);
    recordAsBoard = await record(board.token);
    const rec = JSON.parse(recordAsAdmin).reportingRound;
    expect(rec.rollup.asOf).toBe(returnsDueOn);
    expect(rec.rollup.totals).toMatchObject({ total: 2, amber: 1, green: 1, inProgress: 2 });
    expect(rec.rollup.objectives[0].outcomes[0].indicators[0].latest).toBe(27);
    expect(
      rec.rollup.tagCoverage.find((c: { tag: { slug: string } }) => c.tag.slug === 'community').actionCount,
    ).toBe(2);
    // A board member never sees the confidential review's recommendation; the admin does.
    expect(rec.rollup.recommendations.total).toBe(2);
    expect(JSON.parse(recordAsBoard).reportingRound.rollup.recommendations.total).toBe(1);
    const round = await t.ok<{ reportingRound: { recordedReturns: unknown[] } }>(
      ROUND,
      { id: roundId },
      {
        token: board.token,
      },
    );
    expect(round.reportingRound.recordedReturns).toEqual([
      { groupName: 'Housing', status: 'APPROVED', approved: true },
    ]);
  });

  it('refuses back-dated writes into the closed period, naming the field and the round, and changes nothing', async () => {
    const before = await t.dataSource.query(`SELECT count(*)::int AS n FROM action_update`);
    const cases: Array<[string, Record<string, unknown>, string]> = [
      [
        UPDATE,
        { input: { actionId: actions.A1, status: 'COMPLETE', progress: 'Done', reportedOn: inPeriod } },
        'reportedOn',
      ],
      [
        UPDATE,
        { input: { actionId: actions.A2, status: 'COMPLETE', progress: 'Done', reportedOn: returnsDueOn } },
        'reportedOn',
      ],
      [REC_STATUS, { input: { id: openRec, status: 'IMPLEMENTED', effectiveOn: inPeriod } }, 'effectiveOn'],
      [MEASURE, { input: { indicatorId, period: periodEnd, value: 12 } }, 'period'],
      [MEASURE, { input: { indicatorId, period: daysFromToday(-60), value: 12 } }, 'period'],
    ];
    for (const [doc, vars, field] of cases) {
      const r = refusal((await t.request(doc, vars, { token: admin.token })) as Errs);
      expect(r).toMatchObject({ code: 'BAD_USER_INPUT', field });
      expect(r.message).toContain('closed period');
      expect(r.message).toContain('"Quarter 3"');
    }
    // A restatement reason from someone who is not an admin is not enough.
    const byChair = refusal(
      (await t.request(
        UPDATE,
        {
          input: {
            actionId: actions.A1,
            status: 'COMPLETE',
            progress: 'Done',
            reportedOn: inPeriod,
            restatementReason: 'We forgot',
          },
        },
        { token: chair.token },
      )) as Errs,
    );
    expect(byChair.code).toBe('FORBIDDEN');
    expect(await t.dataSource.query(`SELECT count(*)::int AS n FROM action_update`)).toEqual(before);
    // Writes after the closed period are accepted as before.
    await t.ok(
      UPDATE,
      {
        input: {
          actionId: actions.A2,
          status: 'IN_PROGRESS',
          rag: 'RED',
          progress: 'Slipped',
          reportedOn: daysFromToday(-5),
        },
      },
      { token: chair.token },
    );
    await t.ok(
      MEASURE,
      { input: { indicatorId, period: daysFromToday(-10), value: 24 } },
      { token: admin.token },
    );
    // Feedback and a decision on it dated inside the closed period (no rule refuses them): the live
    // roll-up counts them, the record keeps the tallies it was closed with.
    const fb = await t.ok<{ recordFeedback: { id: string } }>(
      `mutation F($input: FeedbackInput!) { recordFeedback(input: $input) { id } }`,
      { input: { forum: 'Survivors forum', receivedOn: inPeriod, summary: 'Waiting lists are too long.' } },
      { token: admin.token },
    );
    await t.ok(
      `mutation D($input: FeedbackDecisionInput!) { decideFeedback(input: $input) { id } }`,
      { input: { feedbackId: fb.recordFeedback.id, version: 1, decision: 'NOTED', decidedOn: inPeriod } },
      { token: admin.token },
    );
    const live = await t.ok<{ boardRollup: { feedbackDecisions: { noted: number } } }>(
      LIVE,
      { s: strategyId, asOf: returnsDueOn },
      { token: admin.token },
    );
    expect(live.boardRollup.feedbackDecisions.noted).toBe(1);
    const frozen = JSON.parse(recordAsAdmin) as {
      reportingRound: { rollup: { feedbackDecisions: { noted: number } } };
    };
    expect(frozen.reportingRound.rollup.feedbackDecisions.noted).toBe(0);
    expect(await record(admin.token)).toBe(recordAsAdmin);
    expect(await record(board.token)).toBe(recordAsBoard);
  });

  it('records an admin restatement beside the frozen record; the live roll-up shows the corrected figure', async () => {
    await t.ok(
      UPDATE,
      {
        input: {
          actionId: actions.A1,
          status: 'COMPLETE',
          progress: 'Completed before the deadline; the return was late',
          reportedOn: inPeriod,
          restatementReason: 'The group reported completion late',
        },
      },
      { token: admin.token },
    );
    await t.ok(
      MEASURE,
      {
        input: {
          indicatorId,
          period: daysFromToday(-60),
          value: 25,
          restatementReason: 'Police data corrected',
        },
      },
      { token: admin.token },
    );
    await t.ok(
      REC_STATUS,
      {
        input: {
          id: secretRec,
          status: 'IN_PROGRESS',
          effectiveOn: inPeriod,
          restatementReason: 'Panel minutes',
        },
      },
      { token: admin.token },
    );
    expect(await record(admin.token)).toBe(recordAsAdmin);
    expect(await record(board.token)).toBe(recordAsBoard);

    const live = await t.ok<{
      boardRollup: {
        totals: { complete: number };
        objectives: Array<{ outcomes: Array<{ indicators: Array<{ latest: number }> }> }>;
      };
    }>(LIVE, { s: strategyId, asOf: returnsDueOn }, { token: admin.token });
    expect(live.boardRollup.totals.complete).toBe(1);
    expect(live.boardRollup.objectives[0].outcomes[0].indicators[0].latest).toBe(25);

    type R = { reportingRound: { restatements: Array<Record<string, unknown> & { by: { name: string } }> } };
    const asAdmin = await t.ok<R>(ROUND, { id: roundId }, { token: admin.token });
    expect(asAdmin.reportingRound.restatements).toHaveLength(3);
    expect(asAdmin.reportingRound.restatements[0]).toMatchObject({
      entityType: 'Action',
      entityId: actions.A1,
      field: 'reportedOn',
      effectiveOn: inPeriod,
      fromValue: 'IN_PROGRESS, AMBER',
      toValue: 'COMPLETE',
      reason: 'The group reported completion late',
      by: { name: 'Lena Lead' },
    });
    expect(asAdmin.reportingRound.restatements[0].what).toContain('A1');
    expect(asAdmin.reportingRound.restatements[1]).toMatchObject({
      entityType: 'Indicator',
      fromValue: '27',
      toValue: '25',
      reason: 'Police data corrected',
    });
    // The board member sees the restatements of what they may see, never the confidential review's.
    const asBoard = await t.ok<R>(ROUND, { id: roundId }, { token: board.token });
    expect(asBoard.reportingRound.restatements.map((r) => r.entityType)).toEqual(['Action', 'Indicator']);
    const asPanel = await t.ok<R>(ROUND, { id: roundId }, { token: panel.token });
    expect(asPanel.reportingRound.restatements.map((r) => r.entityType)).toContain('Recommendation');
  });

  it("gives the round's board pack from the record, naming the round, audited", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'round-pack-'));
    const get = (q: string, token: string) =>
      fetch(`${t.url}/reports/board-pack?${q}`, { headers: { authorization: `Bearer ${token}` } });
    const res = await get(`round=${roundId}&format=pdf`, board.token);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/pdf');
    const file = join(dir, 'pack.pdf');
    writeFileSync(file, Buffer.from(await res.arrayBuffer()));
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    expect(text).toContain('Quarter 3');
    expect(text).not.toContain('DHR-1');
    const docx = await get(`round=${roundId}&format=docx`, admin.token);
    expect(docx.status).toBe(200);
    const [audit] = (await t.dataSource.query(
      `SELECT after FROM audit_entry WHERE operation = 'produceBoardPack' AND actor_id = $1`,
      [board.id],
    )) as Array<{ after: { round: string } }>;
    expect(audit.after.round).toBe('Quarter 3');
    const missing = await get(`round=00000000-0000-4000-8000-000000000000&format=pdf`, board.token);
    expect(missing.status).toBe(404);
  });

  it('refuses the pack of a round that is not closed, naming round', async () => {
    const opened = await t.ok<{ openReportingRound: { id: string } }>(
      OPEN,
      {
        input: {
          strategyId,
          title: 'Quarter 4',
          periodEnd: daysFromToday(-3),
          returnsDueOn: daysFromToday(-1),
        },
      },
      { token: admin.token },
    );
    const res = await fetch(`${t.url}/reports/board-pack?round=${opened.openReportingRound.id}&format=pdf`, {
      headers: { authorization: `Bearer ${admin.token}` },
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { errors: Array<{ extensions: { field: string } }> };
    expect(body.errors[0].extensions.field).toBe('round');
  });
});
