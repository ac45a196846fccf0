import type { EntityManager } from 'typeorm';
import { BadInputError } from '../../errors/errors';
import type { Viewer } from '../../shared/viewer';
import { text } from '../../shared/text';
import { requireAccess } from '../../access';
import {
  actionStateAsOf,
  insertRestatement,
  measurementOf,
  recommendationOf,
  roundsReachedByActionUpdate,
  roundsReachedByMeasurement,
  roundsReachedByRecommendation,
} from './closed-periods.queries';

/**
 * Closed periods (docs/rollup-rules.md, "Closed periods and restatements"): once a reporting round is
 * closed, a dated write that would change a figure of its record is refused, naming the date field and
 * the closed period, unless an ADMIN gives a `restatementReason` in the same input; the write is then
 * accepted and recorded as a Restatement of each closed round it reaches. The frozen record never
 * changes; the live roll-up shows the corrected figure.
 *
 * Every path that writes a dated progress update (addActionUpdate, and the imports, return sheets and
 * "no change" updates that go through it), a recommendation status change or a measurement calls
 * `ClosedPeriods.check` once, inside its transaction, before writing. The rounds it reads are locked
 * FOR SHARE, so a write and a round's closing never interleave: closeReportingRound locks the round FOR
 * UPDATE before freezing it, and a write that started first is in the record or refused.
 */

export const MAX_RESTATEMENT_REASON = 2000;

/** A dated write that may reach a closed period. */
export type DatedWrite =
  | { kind: 'actionUpdate'; actionId: string; reportedOn: string; status: string; rag: string | null }
  | {
      kind: 'recommendationStatus';
      recommendationId: string;
      effectiveOn: string;
      fromStatus: string;
      toStatus: string;
    }
  | { kind: 'measurement'; indicatorId: string; period: string; area: string; value: number | null };

export interface ClosedRound {
  id: string;
  partnership_id: string;
  title: string;
  period_end: string;
  returns_due_on: string;
  status: string;
}

export interface Restated {
  entityType: string;
  entityId: string;
  field: string;
  effectiveOn: string;
  what: string;
  fromValue: string | null;
  toValue: string | null;
  confidential: boolean;
}

const describeState = (status: string | null, rag: string | null) =>
  status == null ? null : rag ? `${status}, ${rag}` : status;

/**
 * The rounds of the write's scope whose closed period the date reaches (locking every round of the
 * scope it reads, open or closed), and what the write restates.
 */
async function reach(
  tx: EntityManager,
  partnershipId: string,
  write: DatedWrite,
  reached?: readonly ClosedRound[],
): Promise<{ rounds: ClosedRound[]; restated: Restated }> {
  if (write.kind === 'actionUpdate') {
    const rounds = reached ?? (await roundsReachedByActionUpdate(tx, write, partnershipId));
    const closed = rounds.filter((r) => r.status === 'CLOSED');
    if (!closed.length) return { rounds: [], restated: null as never };
    const [before]: Array<{ ref: string; title: string; status: string | null; rag: string | null }> =
      await actionStateAsOf(tx, write);
    return {
      rounds: closed,
      restated: {
        entityType: 'Action',
        entityId: write.actionId,
        field: 'reportedOn',
        effectiveOn: write.reportedOn,
        what: `Action ${before.ref} "${before.title}": progress update dated ${write.reportedOn}`,
        fromValue: describeState(before.status ?? 'NOT_STARTED', before.rag),
        toValue: describeState(write.status, write.rag),
        confidential: false,
      },
    };
  }
  if (write.kind === 'recommendationStatus') {
    // Recommendations belong to the partnership, not to one strategy: every strategy's rounds.
    const rounds: ClosedRound[] = await roundsReachedByRecommendation(tx, partnershipId, write);
    const closed = rounds.filter((r) => r.status === 'CLOSED');
    if (!closed.length) return { rounds: [], restated: null as never };
    const [rec]: Array<{ ref: string; confidential: boolean }> = await recommendationOf(tx, write);
    return {
      rounds: closed,
      restated: {
        entityType: 'Recommendation',
        entityId: write.recommendationId,
        field: 'effectiveOn',
        effectiveOn: write.effectiveOn,
        what: `Recommendation ${rec.ref}: status change effective ${write.effectiveOn}`,
        fromValue: write.fromStatus,
        toValue: write.toStatus,
        confidential: rec.confidential,
      },
    };
  }
  const rounds: ClosedRound[] = await roundsReachedByMeasurement(tx, write, partnershipId);
  const closed = rounds.filter((r) => r.status === 'CLOSED');
  if (!closed.length) return { rounds: [], restated: null as never };
  const [m]: Array<{ name: string; value: number | null }> = await measurementOf(tx, write);
  return {
    rounds: closed,
    restated: {
      entityType: 'Indicator',
      entityId: write.indicatorId,
      field: 'period',
      effectiveOn: write.period,
      what: `Indicator "${m.name}"${write.area ? ` (${write.area})` : ''}: value for the period ${write.period}`,
      fromValue: m.value == null ? null : String(m.value),
      toValue: write.value == null ? null : String(write.value),
      confidential: false,
    },
  };
}

export const ClosedPeriods = {
  /**
   * Refuses `write` when it reaches a closed round's period (BAD_USER_INPUT naming the date field and
   * the round), or, given an ADMIN's `restatementReason`, records it as a restatement of each closed
   * round it reaches. Writes that reach no closed round pass untouched (a reason is then ignored).
   *
   * `reached`: an action update's rounds already read and locked in the caller's transaction by a
   * statement of its own (addActionUpdate's lock, with roundsReachedByActionColumn), so that they are
   * not read a second time.
   */
  async check(
    tx: EntityManager,
    viewer: Viewer,
    write: DatedWrite,
    restatementReason?: string | null,
    reached?: readonly ClosedRound[],
  ): Promise<void> {
    const { rounds, restated } = await reach(tx, viewer.partnershipId, write, reached);
    if (!rounds.length) return;
    const first = rounds[0];
    const dateField = restated.field;
    const reason = text('restatementReason', restatementReason, {
      max: MAX_RESTATEMENT_REASON,
      label: 'why the closed period is being restated',
    });
    if (!reason) {
      const limit =
        write.kind === 'measurement'
          ? `its period ended ${first.period_end}`
          : `its returns were due ${first.returns_due_on}`;
      throw new BadInputError(
        dateField,
        `${dateField} ${restated.effectiveOn} falls in a closed period: the round "${first.title}" is closed (${limit}). ` +
          'An admin may record a correction by giving the reason for the restatement (restatementReason).',
        {
          round: {
            id: first.id,
            title: first.title,
            returnsDueOn: first.returns_due_on,
            periodEnd: first.period_end,
          },
        },
      );
    }
    requireAccess(viewer, 'period.restate');
    for (const round of rounds) {
      await insertRestatement(tx, viewer, round, restated, reason);
    }
  },
};
