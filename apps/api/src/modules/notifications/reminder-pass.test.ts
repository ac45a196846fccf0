/**
 * The reminder pass (issue 18): who is reminded when, each message at most once per round, group,
 * kind and recipient, with two processes on one database and across restarts, in a constant number
 * of SQL statements.
 */
import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDataSource } from '../../database/data-source';
import { Role, StatementCounter, startTestApp, type TestApp } from '../../../test/support/test-app';
import { runReminderPass } from './reminder-pass';
import { addDays } from '../../shared/dates';
import { noonOn, openRoundFixture, staffGroups } from './test-support/round-fixture';

const DUE = '2027-03-15';

let t: TestApp;
let adminId: string;

beforeAll(async () => {
  t = await startTestApp();
  adminId = (await t.user({ roles: [Role.ADMIN] })).id;
});
afterAll(() => t?.close());

async function messages(db: DataSource, roundId: string) {
  return db.query(
    `SELECT m.recipient_id AS "recipientId", m.kind, m.dedupe_key AS "dedupeKey", m.subject, m.body, m.link
       FROM message m WHERE m.dedupe_key LIKE $1 ORDER BY m.kind, m.recipient_id`,
    [`round:${roundId}:%`],
  ) as Promise<
    Array<{
      recipientId: string;
      kind: string;
      dedupeKey: string;
      subject: string;
      body: string;
      link: string;
    }>
  >;
}

describe('the reminder pass', () => {
  it('reminds chair and coordinator before the due date, again the day after, then escalates to the strategic leads', async () => {
    const round = await openRoundFixture(t.dataSource, {
      partnershipId: t.partnershipId,
      openedById: adminId,
      groups: 2,
      returnsDueOn: DUE,
      title: 'Spring 2027',
      reminderDaysBefore: 5,
      escalateAfterDays: 3,
      groupNamePrefix: 'Housing',
    });
    const staff = await staffGroups(
      t.dataSource,
      t.partnershipId,
      round.groups.map((g) => g.id),
    );
    const [housing1, housing2] = round.groups;
    const member = await t.user({ memberships: [{ groupId: housing1.id, role: 'MEMBER' as never }] });
    // A second lead, and an ADMIN of another partnership who must never hear of this round.
    const lead2 = await t.user({ roles: [Role.ADMIN] });
    const [other] = await t.dataSource.query(
      `INSERT INTO partnership (name) VALUES ('Elsewhere') RETURNING id`,
    );
    await t.dataSource.query(
      `INSERT INTO app_user (partnership_id, email, name, password_hash, roles) VALUES ($1, 'lead@elsewhere.org', 'Elsewhere lead', 'x', '{ADMIN}')`,
      [other.id],
    );
    // Housing 2 has submitted: it is never chased.
    await t.dataSource.query(`UPDATE group_return SET status = 'SUBMITTED' WHERE id = $1`, [
      housing2.returnId,
    ]);
    const h1 = staff.get(housing1.id)!;
    const pass = async (day: string) => (await runReminderPass(t.dataSource, noonOn(day))).length;

    expect(await pass(addDays(DUE, -6))).toBe(0); // too early
    expect(await pass(addDays(DUE, -5))).toBe(2); // reminder: chair + coordinator of Housing 1
    expect(await pass(DUE)).toBe(0); // already reminded
    let got = await messages(t.dataSource, round.roundId);
    expect(got.map((m) => [m.kind, m.recipientId]).sort()).toEqual(
      [
        ['ROUND_REMINDER', h1.chairId],
        ['ROUND_REMINDER', h1.coordinatorId],
      ].sort(),
    );
    expect(got[0].subject).toBe('Housing 1 return due on 15 March 2027');
    expect(got[0].body).toBe(
      'The Housing 1 return for "Spring 2027" is due on 15 March 2027. Please update the group\'s actions and submit the return.',
    );
    expect(got[0].link).toBe(`/rounds/${round.roundId}/returns/${housing1.returnId}`);

    expect(await pass(addDays(DUE, 1))).toBe(2); // overdue, the day after
    expect(await pass(addDays(DUE, 3))).toBe(0); // not yet escalated (3 further days)
    expect(await pass(addDays(DUE, 4))).toBe(2); // escalation to both leads of this partnership
    expect(await pass(addDays(DUE, 30))).toBe(0);
    got = await messages(t.dataSource, round.roundId);
    expect(
      got
        .filter((m) => m.kind === 'ROUND_OVERDUE')
        .map((m) => m.recipientId)
        .sort(),
    ).toEqual([h1.chairId, h1.coordinatorId].sort());
    expect(
      got
        .filter((m) => m.kind === 'ROUND_ESCALATION')
        .map((m) => m.recipientId)
        .sort(),
    ).toEqual([adminId, lead2.id].sort());
    expect(got.some((m) => m.recipientId === member.id)).toBe(false);

    // Every message recorded has its audit entry.
    const [{ n }] = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM audit_entry a JOIN message m ON a.entity_id = m.id::text
        WHERE a.entity_type = 'Message' AND a.operation = 'reminderPass' AND m.dedupe_key LIKE $1`,
      [`round:${round.roundId}:%`],
    );
    expect(n).toBe(got.length);
  });

  it('a round that is closed, or a return approved, gets no reminders', async () => {
    const round = await openRoundFixture(t.dataSource, {
      partnershipId: t.partnershipId,
      openedById: adminId,
      groups: 2,
      returnsDueOn: DUE,
    });
    await staffGroups(
      t.dataSource,
      t.partnershipId,
      round.groups.map((g) => g.id),
    );
    await t.dataSource.query(`UPDATE group_return SET status = 'APPROVED' WHERE id = $1`, [
      round.groups[0].returnId,
    ]);
    await runReminderPass(t.dataSource, noonOn(DUE));
    expect((await messages(t.dataSource, round.roundId)).length).toBe(2); // the other group only
    await t.dataSource.query(
      `UPDATE reporting_round SET status = 'CLOSED', closed_at = now() WHERE id = $1`,
      [round.roundId],
    );
    await runReminderPass(t.dataSource, noonOn(addDays(DUE, 20)));
    expect((await messages(t.dataSource, round.roundId)).length).toBe(2);
  });

  it('two processes (separate pools) running the pass at once record each message exactly once, and a restart records nothing again', async () => {
    const round = await openRoundFixture(t.dataSource, {
      partnershipId: t.partnershipId,
      openedById: adminId,
      groups: 12,
      returnsDueOn: DUE,
    });
    await staffGroups(
      t.dataSource,
      t.partnershipId,
      round.groups.map((g) => g.id),
    );
    const processes = [0, 1].map(() => createDataSource({ url: t.db.url, poolSize: 4 }));
    await Promise.all(processes.map((p) => p.initialize()));
    try {
      const day = noonOn(addDays(DUE, 1)); // reminder? no: overdue (12 groups x 2 people)
      const results = await Promise.all([0, 1, 2, 3].map((i) => runReminderPass(processes[i % 2], day)));
      const recorded = results.flat();
      expect(recorded.length).toBe(24);
      expect(new Set(recorded).size).toBe(24);
      const got = await messages(t.dataSource, round.roundId);
      expect(got.length).toBe(24);
      expect(new Set(got.map((m) => m.dedupeKey)).size).toBe(24);
    } finally {
      await Promise.all(processes.map((p) => p.destroy()));
    }
    // A restart: a new pool (a new process) on the same database finds everything recorded.
    const restarted = createDataSource({ url: t.db.url, poolSize: 2 });
    await restarted.initialize();
    try {
      expect(await runReminderPass(restarted, noonOn(addDays(DUE, 2)))).toEqual([]);
    } finally {
      await restarted.destroy();
    }
    expect((await messages(t.dataSource, round.roundId)).length).toBe(24);
  });

  it('uses the same number of SQL statements for 3 groups as for 30', async () => {
    const counter = new StatementCounter();
    const counted = createDataSource({ url: t.db.url, poolSize: 2, logger: counter });
    await counted.initialize();
    try {
      const countFor = async (groups: number, due: string) => {
        // Only this round is due: the earlier tests' rounds are closed.
        await t.dataSource.query(`UPDATE reporting_round SET status = 'CLOSED', closed_at = now()`);
        const round = await openRoundFixture(t.dataSource, {
          partnershipId: t.partnershipId,
          openedById: adminId,
          groups,
          returnsDueOn: due,
        });
        await staffGroups(
          t.dataSource,
          t.partnershipId,
          round.groups.map((g) => g.id),
        );
        counter.reset();
        const recorded = await runReminderPass(counted, noonOn(due));
        return { statements: counter.count, recorded: recorded.length };
      };
      const small = await countFor(3, '2028-06-01');
      const large = await countFor(30, '2028-09-01');
      expect(small.recorded).toBe(6);
      expect(large.recorded).toBe(60);
      expect(large.statements).toBe(small.statements);
      expect(small.statements).toBe(1);
    } finally {
      await counted.destroy();
    }
  });
});
