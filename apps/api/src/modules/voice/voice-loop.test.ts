/**
 * Closing the loop on survivor feedback through the public GraphQL API (docs/decisions/0019-survivor-voice-loop.md):
 * meetings, decisions (versioned, dated, the board's tally as of a date), responses naming several
 * actions and objectives, paging and filtering, and no feedback text in the logs. The messages about
 * linked actions are pinned in test/linked-action-messages.test.ts.
 */
import { Writable } from 'node:stream';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BoardFeedbackDecisionsDocument,
  DecideFeedbackDocument,
  FeedbackDecisionTallyDocument,
  FeedbackLoopListDocument,
  ForumMeetingsDocument,
  RecordFeedbackDocument,
  RecordForumMeetingDocument,
  RespondToFeedbackDocument,
} from '@throughline/sdk';
import { Role, startTestApp, type TestApp, type TestUser } from '../../../test/support/test-app';

const SAID = 'The waiting room at the hospital felt unsafe because my partner could follow me in';
const SAID_TOO = 'Nobody at the housing desk explained what would happen to my tenancy';
const RESPONSE = 'We asked the hospital trust to add a private waiting area near the clinic';

describe('survivor voice: closing the loop', () => {
  let t: TestApp;
  const logLines: string[] = [];
  let admin: TestUser;
  let facilitator: TestUser;
  let board: TestUser;
  let strategyId: string;
  let objectiveIds: string[];
  let actionIds: string[];

  beforeAll(async () => {
    const sink = new Writable({
      write(chunk, _enc, done) {
        logLines.push(String(chunk));
        done();
      },
    });
    // Everything the API logs, at its most talkative level, is kept to be searched for survivors' words.
    t = await startTestApp({ logger: pino({ level: 'trace' }, sink) });
    admin = await t.user({ roles: [Role.ADMIN] });
    facilitator = await t.user({ roles: [Role.FACILITATOR], name: 'Fola Facilitator' });
    board = await t.user({ roles: [Role.BOARD] });
    const viewer = (await t.services.identity.authenticate(admin.token))!;
    const strategy = await t.services.strategy.createStrategy(viewer, { title: 'Voice plan' });
    strategyId = strategy.id;
    objectiveIds = [];
    for (const code of ['V1', 'V2']) {
      objectiveIds.push(
        (await t.services.strategy.createObjective(viewer, { strategyId, code, title: `Objective ${code}` }))
          .id,
      );
    }
    const group = await t.services.operationalGroups.createOperationalGroup(viewer, { name: 'Health group' });
    actionIds = [];
    for (const ref of ['H-1', 'H-2']) {
      actionIds.push(
        (
          await t.services.actions.createAction(viewer, {
            objectiveId: objectiveIds[0],
            groupId: group.id,
            ref,
            title: `Hospital action ${ref}`,
            agreedOn: '2026-01-01',
          })
        ).id,
      );
    }
  });
  afterAll(() => t?.close());

  const record = (input: Record<string, unknown>, token = facilitator.token) =>
    t.request(RecordFeedbackDocument, { input: { forum: 'Hospital forum', ...input } as never }, { token });

  let meetingId: string;
  let first: { id: string; version: number };
  let second: { id: string; version: number };

  it('records a forum session as a meeting and feedback from it; the meeting must fit', async () => {
    const m = await t.ok(
      RecordForumMeetingDocument,
      { input: { forum: 'Hospital forum', heldOn: '2026-02-10' } },
      { token: facilitator.token },
    );
    meetingId = m.recordForumMeeting.id;
    // The same forum and date again: the meeting kept, not a second one.
    const again = await t.ok(
      RecordForumMeetingDocument,
      { input: { forum: 'hospital FORUM', heldOn: '2026-02-10' } },
      { token: facilitator.token },
    );
    expect(again.recordForumMeeting.id).toBe(meetingId);
    const refused = await t.request(
      RecordForumMeetingDocument,
      { input: { forum: 'Hospital forum', heldOn: '2026-02-11' } },
      { token: board.token },
    );
    expect(refused.errors?.[0].extensions?.code).toBe('FORBIDDEN');

    const a = await record({ receivedOn: '2026-02-10', summary: SAID, meetingId });
    expect(a.errors).toBeUndefined();
    first = { id: a.data!.recordFeedback.id, version: a.data!.recordFeedback.version };
    const b = await record({ receivedOn: '2026-02-10', summary: SAID_TOO, meetingId });
    second = { id: b.data!.recordFeedback.id, version: b.data!.recordFeedback.version };
    for (const [input, field] of [
      [{ forum: 'Another forum', receivedOn: '2026-02-10', summary: 'x', meetingId }, 'meetingId'],
      [{ receivedOn: '2026-02-09', summary: 'x', meetingId }, 'receivedOn'],
      [
        { receivedOn: '2026-02-10', summary: 'x', meetingId: '00000000-0000-4000-8000-000000000000' },
        'meetingId',
      ],
    ] as const) {
      const res = await record(input);
      expect(res.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
    const meetings = await t.ok(ForumMeetingsDocument, { forum: 'Hospital forum' }, { token: board.token });
    expect(meetings.forumMeetings).toEqual([
      { id: meetingId, forum: 'Hospital forum', heldOn: '2026-02-10' },
    ]);
  });

  it('decides: dated, by whom, versioned (stale: CONFLICT); NOT_TAKEN_UP needs its reason', async () => {
    const decide = (input: Record<string, unknown>, token = facilitator.token) =>
      t.request(DecideFeedbackDocument, { input: input as never }, { token });
    const noReason = await decide({ feedbackId: first.id, version: first.version, decision: 'NOT_TAKEN_UP' });
    expect(noReason.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reason' });
    const tooEarly = await decide({
      feedbackId: first.id,
      version: first.version,
      decision: 'NOTED',
      decidedOn: '2026-02-01',
    });
    expect(tooEarly.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'decidedOn' });
    expect(
      (await decide({ feedbackId: first.id, version: first.version, decision: 'NOTED' }, board.token))
        .errors?.[0].extensions?.code,
    ).toBe('FORBIDDEN');

    const noted = await decide({
      feedbackId: first.id,
      version: first.version,
      decision: 'NOTED',
      decidedOn: '2026-03-01',
    });
    expect(noted.errors).toBeUndefined();
    expect(noted.data!.decideFeedback.version).toBe(first.version + 1);
    // Someone deciding from the old version does not overwrite it.
    const stale = await decide({ feedbackId: first.id, version: first.version, decision: 'TAKEN_UP' });
    expect(stale.errors?.[0].extensions?.code).toBe('CONFLICT');
    const taken = await decide({
      feedbackId: first.id,
      version: first.version + 1,
      decision: 'TAKEN_UP',
      decidedOn: '2026-04-01',
    });
    expect(taken.data!.decideFeedback.decision).toMatchObject({
      decision: 'TAKEN_UP',
      decidedOn: '2026-04-01',
      decidedBy: { id: facilitator.id, name: 'Fola Facilitator' },
    });
    const notTaken = await decide({
      feedbackId: second.id,
      version: second.version,
      decision: 'NOT_TAKEN_UP',
      reason: 'The housing desk is run by the council, which has its own review this year.',
      decidedOn: '2026-03-15',
    });
    expect(notTaken.errors).toBeUndefined();

    const list = await t.ok(FeedbackLoopListDocument, { filter: { meetingId } }, { token: board.token });
    const one = list.feedback.edges.find((e) => e.node.id === first.id)!.node;
    expect(one.decisions.map((d) => [d.decision, d.decidedOn, d.feedbackVersion])).toEqual([
      ['NOTED', '2026-03-01', first.version + 1],
      ['TAKEN_UP', '2026-04-01', first.version + 2],
    ]);
    expect(one.meeting).toEqual({ id: meetingId, heldOn: '2026-02-10' });
  });

  it('the board tallies decisions as of any date (the decision in force then)', async () => {
    const tally = async (asOf: string) =>
      (await t.ok(FeedbackDecisionTallyDocument, { asOf }, { token: board.token })).feedbackDecisionTally;
    expect(await tally('2026-02-09')).toMatchObject({ total: 0, undecided: 0 });
    expect(await tally('2026-02-28')).toMatchObject({ total: 2, undecided: 2, noted: 0 });
    expect(await tally('2026-03-10')).toMatchObject({ total: 2, noted: 1, undecided: 1, takenUp: 0 });
    expect(await tally('2026-03-20')).toMatchObject({ total: 2, noted: 1, notTakenUp: 1, undecided: 0 });
    expect(await tally('2026-04-01')).toMatchObject({
      total: 2,
      takenUp: 1,
      partlyTakenUp: 0,
      notTakenUp: 1,
      noted: 0,
      undecided: 0,
    });
    // The same figures on the board's roll-up, as of its date.
    const rollup = await t.ok(
      BoardFeedbackDecisionsDocument,
      { strategyId, asOf: '2026-03-10' },
      { token: board.token },
    );
    expect(rollup.boardRollup.feedbackDecisions).toMatchObject({ total: 2, noted: 1, undecided: 1 });
  });

  it('a response names several actions and objectives', async () => {
    const res = await t.ok(
      RespondToFeedbackDocument,
      {
        input: {
          feedbackId: first.id,
          response: RESPONSE,
          actionIds: [actionIds[0], actionIds[1]],
          objectiveIds,
          respondedOn: '2026-04-02',
        },
      },
      { token: facilitator.token },
    );
    expect(res.respondToFeedback.responses).toHaveLength(1);
    const list = await t.ok(FeedbackLoopListDocument, { filter: { meetingId } }, { token: board.token });
    const resp = list.feedback.edges.find((e) => e.node.id === first.id)!.node.responses[0];
    expect(resp.actions.map((a) => a.ref)).toEqual(['H-1', 'H-2']);
    expect(resp.objectives.map((o) => o.code)).toEqual(['V1', 'V2']);
    const bad = await t.request(
      RespondToFeedbackDocument,
      {
        input: {
          feedbackId: first.id,
          response: 'x',
          objectiveIds: ['00000000-0000-4000-8000-000000000000'],
        },
      },
      { token: facilitator.token },
    );
    expect(bad.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'objectiveIds' });
  });

  it('pages and filters by forum, decision and period', async () => {
    for (let i = 1; i <= 5; i++) {
      await record({ forum: 'Paging forum', receivedOn: `2026-01-0${i}`, summary: `Point ${i}` });
    }
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const page: Awaited<ReturnType<typeof list>> = await list({ forum: 'paging forum' }, 2, after);
      expect(page.totalCount).toBe(5);
      seen.push(...page.edges.map((e) => e.node.summary));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(seen).toEqual(['Point 5', 'Point 4', 'Point 3', 'Point 2', 'Point 1']);
    expect(
      (await list({ forum: 'Paging forum', receivedFrom: '2026-01-02', receivedTo: '2026-01-03' }))
        .totalCount,
    ).toBe(2);
    expect((await list({ decision: 'TAKEN_UP' })).edges.map((e) => e.node.id)).toEqual([first.id]);
    expect((await list({ decision: 'NOT_TAKEN_UP' })).edges.map((e) => e.node.id)).toEqual([second.id]);
    expect((await list({ forum: 'Paging forum', decision: 'UNDECIDED' })).totalCount).toBe(5);
    const bad = await t.request(
      FeedbackLoopListDocument,
      { filter: { receivedFrom: '2026-02-01', receivedTo: '2026-01-01' } },
      { token: board.token },
    );
    expect(bad.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'receivedTo' });

    async function list(filter: Record<string, unknown>, first = 50, after: string | null = null) {
      return (
        await t.ok(
          FeedbackLoopListDocument,
          { filter: filter as never, first, after },
          { token: board.token },
        )
      ).feedback;
    }
  });

  it('never logs feedback text (the logs of every write above, at trace level)', () => {
    expect(logLines.length).toBeGreaterThan(0);
    const logs = logLines.join('\n');
    for (const words of [SAID, SAID_TOO, RESPONSE, 'housing desk is run by the council', 'Point 3']) {
      expect(logs).not.toContain(words);
    }
  });
});
