import type { Viewer } from '../../shared/viewer';
import type { RollupChangesService } from '../rollup/changes.service';
import type { Block } from './board-pack.content';
import { longDate } from './board-pack.content';

/**
 * The pack summary's "What changed since the last closed round" (docs/rollup-rules.md, "What changed"):
 * counts of each kind of change from the last closed round's returns due date (else the strategy's
 * start) up to the pack's date. Counts only: the lines are on the board's "what changed" page.
 */
export interface PackChanges {
  since: string;
  roundTitle: string | null;
  counts: {
    actions: number;
    newlyCompleted: number;
    newlyOverdue: number;
    newActions: number;
    dueDateRevisions: number;
    indicators: number;
    recommendations: number;
    feedbackAnswered: number;
  };
}

/** Gathers the counts (two statements); null when the pack's date is not after the start. */
export async function gatherPackChanges(
  changes: RollupChangesService,
  viewer: Viewer,
  strategyId: string,
  asOf: string,
): Promise<PackChanges | null> {
  const found = await changes.sinceLastClosedRound(viewer, strategyId, asOf);
  if (!found) return null;
  const c = found.changes;
  return {
    since: found.since,
    roundTitle: found.round?.title ?? null,
    counts: {
      actions: c.actions.length,
      newlyCompleted: c.newlyCompleted.length,
      newlyOverdue: c.newlyOverdue.length,
      newActions: c.newActions.length,
      dueDateRevisions: c.dueDateRevisions.length,
      indicators: c.indicators.length,
      recommendations: c.recommendations.length,
      feedbackAnswered: c.feedbackAnswered.length,
    },
  };
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** The summary's blocks for what changed (none when the pack has no changes gathered). */
export function changesBlocks(pack: { asOf: string; changes?: PackChanges | null }): Block[] {
  const ch = pack.changes;
  if (!ch) return [];
  const k = ch.counts;
  const start = ch.roundTitle
    ? `since the last closed round (${ch.roundTitle}, returns due ${longDate(ch.since)})`
    : `since the strategy started (${longDate(ch.since)}), as no round has been closed`;
  const total = Object.values(k).reduce((a, b) => a + b, 0);
  const text =
    total === 0
      ? `Nothing changed ${start} up to ${longDate(pack.asOf)}.`
      : `From ${start.replace(/^since /, '')} to ${longDate(pack.asOf)}: ` +
        [
          `${plural(k.actions, 'action', 'actions')} changed rating or status`,
          `${k.newlyCompleted} newly completed`,
          `${k.newlyOverdue} newly overdue`,
          `${plural(k.newActions, 'new action', 'new actions')}`,
          `${plural(k.dueDateRevisions, 'due date', 'due dates')} revised`,
          `${plural(k.indicators, 'indicator', 'indicators')} with new values`,
          `${plural(k.recommendations, 'recommendation', 'recommendations')} changed status`,
          `${plural(k.feedbackAnswered, 'piece', 'pieces')} of survivor feedback answered`,
        ].join(', ') +
        '.';
  return [
    { kind: 'heading', level: 2, text: 'What changed since the last closed round' },
    { kind: 'paragraph', text },
  ];
}
