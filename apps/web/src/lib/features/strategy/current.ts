import { formatDate, today as todayIso } from '$lib/features/actions/labels';

interface Dated {
  id: string;
  title: string;
  startsOn?: string | null;
  endsOn?: string | null;
}

export type StrategyState = 'current' | 'draft' | 'ended';

/** Draft: starts after today (no one reports on it yet). Ended: ended before today. Else current. */
export function strategyState(s: Dated, today = todayIso()): StrategyState {
  if (s.startsOn && s.startsOn > today) return 'draft';
  if (s.endsOn && s.endsOn < today) return 'ended';
  return 'current';
}

/**
 * The strategy people report on today: the current one that started last; with none current, the
 * one that ended last, else the first. Never a draft while another can be shown.
 */
export function currentStrategy<S extends Dated>(
  strategies: readonly S[],
  today = todayIso(),
): S | undefined {
  const by = (state: StrategyState) => strategies.filter((s) => strategyState(s, today) === state);
  const latest = (list: S[], key: (s: S) => string) =>
    [...list].sort((a, b) => key(b).localeCompare(key(a)))[0];
  return (
    latest(by('current'), (s) => s.startsOn ?? '') ??
    latest(by('ended'), (s) => s.endsOn ?? '') ??
    strategies[0]
  );
}

/** A strategy's name in a picker, saying when it is not the one in force. */
export function strategyOptionText(s: Dated, today = todayIso()): string {
  const state = strategyState(s, today);
  if (state === 'draft') return `${s.title} (draft: starts ${formatDate(s.startsOn)})`;
  if (state === 'ended') return `${s.title} (ended ${formatDate(s.endsOn)})`;
  return s.title;
}
