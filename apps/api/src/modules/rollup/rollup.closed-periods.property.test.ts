/**
 * Property: closing a round freezes the roll-up the reference gives at its returnsDueOn; afterwards,
 * for random back-dated and later writes, ClosedPeriods.check refuses, forbids or restates exactly as
 * the reference (reference-closed.ts) says; refused writes change nothing; restated writes change the
 * live roll-up (still equal to the reference) but never the record.
 */
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Viewer } from '../../shared/viewer';
import { Role } from '../identity/user.entity';
import { ClosedPeriods, type DatedWrite } from '../rounds/closed-periods.service';
import { freezeRollup } from './frozen-rollup.service';
import { queryBoardRollup, type BoardRollupRow } from './queries';
import { referenceRollup, type RefRag, type RefStatus } from './reference';
import {
  closedRoundsReached,
  referenceRecord,
  referenceWriteOutcome,
  type RefRound,
} from './reference-closed';
import { PlanBuilder, insertPlan, refreshCurrentState } from './test-support/plan-fixtures';
import { day, statusArb, ragArb, shape } from './test-support/property-kit';
import { openRollupTestDb, type RollupTestDb } from './test-support/test-db';

let t: RollupTestDb;
beforeAll(async () => {
  t = await openRollupTestDb();
});
afterAll(async () => {
  await t?.close();
});

const dayArb = fc.integer({ min: 0, max: 30 });

const specArb = fc.record({
  actions: fc.array(
    fc.record({
      agreed: dayArb,
      updates: fc.array(fc.record({ day: dayArb, status: statusArb, rag: ragArb }), { maxLength: 3 }),
    }),
    { minLength: 1, maxLength: 6 },
  ),
  measurements: fc.array(fc.record({ day: dayArb, value: fc.integer({ min: 0, max: 30 }) }), {
    maxLength: 3,
  }),
  recommendations: fc.array(fc.record({ confidential: fc.boolean(), created: dayArb }), { maxLength: 3 }),
  periodEnd: fc.integer({ min: 5, max: 20 }),
  dueAfter: fc.integer({ min: 0, max: 4 }),
  writes: fc.array(
    fc.record({
      kind: fc.constantFrom('actionUpdate', 'measurement', 'recommendationStatus') as fc.Arbitrary<
        DatedWrite['kind']
      >,
      target: fc.nat(),
      day: dayArb,
      status: statusArb,
      rag: ragArb,
      value: fc.integer({ min: 0, max: 30 }),
      admin: fc.boolean(),
      reason: fc.constantFrom<string | null>(null, '', 'Late figures from the police'),
    }),
    { minLength: 1, maxLength: 6 },
  ),
});

/** A UK local time on a day after every test date, the nth change recorded then (for ordering). */
const laterAt = (n: number) =>
  `2030-01-01 ${String(10 + Math.floor(n / 3600)).padStart(2, '0')}:${String(Math.floor(n / 60) % 60).padStart(2, '0')}:${String(n % 60).padStart(2, '0')}`;

it(
  'records equal the reference at returnsDueOn; refused writes change nothing; restatements change live, not the record',
  { timeout: 180_000 },
  async () => {
    let writeCounter = 0;
    await fc.assert(
      fc.asyncProperty(specArb, async (spec) => {
        const b = new PlanBuilder();
        const objective = b.objective();
        const indicator = b.indicator(b.outcome(objective), 0, 30);
        const seen = new Set<number>();
        for (const m of spec.measurements) {
          if (seen.has(m.day)) continue;
          seen.add(m.day);
          b.measurement(indicator, day(m.day), m.value);
        }
        const actionIds = spec.actions.map((a) => {
          const id = b.action(objective, { agreedOn: day(a.agreed) });
          for (const u of a.updates) b.update(id, day(u.day), u.status, u.rag);
          return id;
        });
        const reviews = [b.review(false), b.review(true)];
        const recIds = spec.recommendations.map((r) =>
          b.recommendation(reviews[r.confidential ? 1 : 0], { createdOn: day(r.created) }),
        );
        const { partnershipId } = await insertPlan(t.dataSource, b.plan);
        const strategyId = b.plan.strategy.id;
        const userId = randomUUID();
        await t.dataSource.query(
          `INSERT INTO app_user (id, partnership_id, email, name, password_hash, roles)
           VALUES ($1, $2, $3, 'Lead', 'x', '{ADMIN}')`,
          [userId, partnershipId, `${userId}@example.org`],
        );
        const round: RefRound = {
          id: randomUUID(),
          periodEnd: day(spec.periodEnd),
          returnsDueOn: day(spec.periodEnd + spec.dueAfter),
          closed: true,
        };
        await t.dataSource.query(
          `INSERT INTO reporting_round (id, partnership_id, strategy_id, title, period_end, returns_due_on,
             status, closed_at, opened_by_id)
           VALUES ($1, $2, $3, 'Quarter', $4, $5, 'CLOSED', now(), $6)`,
          [round.id, partnershipId, strategyId, round.periodEnd, round.returnsDueOn, userId],
        );
        const args = { strategyId, partnershipId, asOf: round.returnsDueOn };
        const frozen = (await freezeRollup(t.dataSource, args))!;
        const planAtClosing = structuredClone(b.plan);
        expect(shape(frozen.rollup as BoardRollupRow)).toEqual(
          referenceRecord(planAtClosing, round, { seeConfidential: true }),
        );
        expect(frozen.restricted.recommendations).toEqual(
          referenceRecord(planAtClosing, round, { seeConfidential: false }).recommendations,
        );
        const stored = JSON.stringify(frozen);

        let restated = 0;
        for (const w of spec.writes) {
          const viewer: Viewer = {
            id: userId,
            partnershipId,
            email: '',
            name: 'Lead',
            roles: w.admin ? [Role.ADMIN] : [],
            memberships: new Map(),
            sessionId: '',
          };
          const date = day(w.day);
          if (w.kind === 'recommendationStatus' && recIds.length === 0) continue;
          const write: DatedWrite =
            w.kind === 'actionUpdate'
              ? {
                  kind: w.kind,
                  actionId: actionIds[w.target % actionIds.length],
                  reportedOn: date,
                  status: w.status,
                  rag: w.rag,
                }
              : w.kind === 'measurement'
                ? { kind: w.kind, indicatorId: indicator, period: date, area: '', value: w.value }
                : {
                    kind: w.kind,
                    recommendationId: recIds[w.target % recIds.length],
                    effectiveOn: date,
                    fromStatus: 'OPEN',
                    toStatus: 'IN_PROGRESS',
                  };
          const expected = referenceWriteOutcome([round], { kind: w.kind, date }, w);
          const before = await t.dataSource.query(`SELECT count(*)::int AS n FROM restatement`);
          let outcome: string;
          try {
            await t.dataSource.transaction(async (tx) => {
              await ClosedPeriods.check(tx, viewer, write, w.reason);
              // The write itself, as the services make it, after the check.
              if (write.kind === 'actionUpdate') {
                await tx.query(
                  `INSERT INTO action_update (action_id, reported_on, status, rag) VALUES ($1, $2, $3, $4)`,
                  [write.actionId, date, write.status, write.rag],
                );
              } else if (write.kind === 'measurement') {
                await tx.query(
                  `INSERT INTO measurement (indicator_id, period, area, value) VALUES ($1, $2, '', $3)
                   ON CONFLICT ON CONSTRAINT uq_measurement_period_area DO UPDATE SET value = EXCLUDED.value`,
                  [indicator, date, write.value],
                );
              } else {
                await tx.query(
                  `INSERT INTO recommendation_status_change
                     (recommendation_id, from_status, to_status, effective_on, changed_at)
                   VALUES ($1, 'OPEN', 'IN_PROGRESS', $2, $3::timestamp AT TIME ZONE 'Europe/London')`,
                  [write.recommendationId, date, laterAt(++writeCounter)],
                );
              }
            });
            outcome = closedRoundsReached([round], { kind: w.kind, date }).length ? 'restated' : 'written';
          } catch (e) {
            const code = (e as { extensions?: { code?: string; field?: string } }).extensions;
            outcome = code?.code === 'FORBIDDEN' ? 'forbidden' : 'refused';
            if (outcome === 'refused')
              expect(code?.field).toBe(
                w.kind === 'measurement'
                  ? 'period'
                  : w.kind === 'actionUpdate'
                    ? 'reportedOn'
                    : 'effectiveOn',
              );
          }
          expect(outcome).toBe(expected);
          const after = await t.dataSource.query(`SELECT count(*)::int AS n FROM restatement`);
          expect(after[0].n - before[0].n).toBe(outcome === 'restated' ? 1 : 0);
          if (outcome === 'restated') restated++;
          if (outcome !== 'written' && outcome !== 'restated') continue;
          // The reference plan takes the same write.
          if (write.kind === 'actionUpdate')
            b.update(write.actionId, date, write.status as RefStatus, write.rag as RefRag | null);
          else if (write.kind === 'measurement') {
            const m = b.plan.measurements.find(
              (x) => x.indicatorId === indicator && x.period === date && x.area === '',
            );
            if (m) m.value = write.value!;
            else b.measurement(indicator, date, write.value!);
          } else {
            b.plan.statusChanges.push({
              recommendationId: write.recommendationId,
              changedOn: '2030-01-01',
              effectiveOn: date,
              at: laterAt(writeCounter),
              fromStatus: 'OPEN',
              toStatus: 'IN_PROGRESS',
            });
          }
        }
        await refreshCurrentState(t.dataSource, strategyId);
        const [{ n }] = await t.dataSource.query(
          `SELECT count(*)::int AS n FROM restatement WHERE round_id = $1`,
          [round.id],
        );
        expect(n).toBe(restated);
        // The live roll-up of the same date follows every accepted write (the reference says so) ...
        const live = await queryBoardRollup(t.dataSource, { ...args, seeConfidential: true });
        expect(shape(live!)).toEqual(referenceRollup(b.plan, round.returnsDueOn, { seeConfidential: true }));
        // ... while the record stays what the reference gave at closing.
        expect(JSON.stringify(frozen)).toBe(stored);
        expect(shape(frozen.rollup as BoardRollupRow)).toEqual(
          referenceRecord(planAtClosing, round, { seeConfidential: true }),
        );
      }),
      { numRuns: 30 },
    );
  },
);
