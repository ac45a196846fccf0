import { RAG_WORDS, STATUS_WORDS } from '../action-plan';
import type { Block } from './board-pack.content';
import { longDate, table } from './board-pack.content';
import type { BoardPack } from './board-pack.service';

/**
 * A closed round's pack (docs/rollup-rules.md, "Closed periods and restatements"): its figures are the
 * record's, frozen at closing; the corrections recorded since (restatements) are listed beside them,
 * each with what the record holds and what it was restated to, so the board reads both and never a
 * silent recomputation. A pack for a date has no such section.
 */

const RECOMMENDATION_WORDS: Record<string, string> = {
  OPEN: 'Open',
  IN_PROGRESS: 'In progress',
  IMPLEMENTED: 'Implemented',
  ASSURED: 'Assured',
};

/** "COMPLETE, GREEN" -> "Complete, green": a restated value in words. */
function inWords(value: string | null, entityType: string): string {
  if (value == null) return 'None';
  return value
    .split(', ')
    .map((part, i) => {
      const word =
        entityType === 'Recommendation'
          ? RECOMMENDATION_WORDS[part]
          : ((STATUS_WORDS as Record<string, string>)[part] ?? (RAG_WORDS as Record<string, string>)[part]);
      if (!word) return part;
      return i ? word.toLowerCase() : word;
    })
    .join(', ');
}

export function restatementBlocks(pack: BoardPack): Block[] {
  const rows = pack.restatements;
  if (!rows) return [];
  return [
    { kind: 'section', title: 'Restated since the round closed' },
    {
      kind: 'paragraph',
      text: rows.length
        ? `The figures in this pack are those recorded when ${pack.roundName ?? 'the round'} closed. ` +
          `${rows.length === 1 ? 'One correction has' : `${rows.length} corrections have`} been recorded since; ` +
          'each is listed here with the value the record holds and the value it was restated to.'
        : `The figures in this pack are those recorded when ${pack.roundName ?? 'the round'} closed. ` +
          'No correction has been recorded since.',
    },
    ...(rows.length
      ? [
          table(
            [
              ['What was restated', 0.28],
              ['In the record', 0.14],
              ['Restated to', 0.14],
              ['Reason', 0.28],
              ['Recorded on', 0.16],
            ],
            rows.map((r) => [
              r.what,
              inWords(r.fromValue, r.entityType),
              inWords(r.toValue, r.entityType),
              r.reason,
              longDate(new Date(r.at).toISOString().slice(0, 10)),
            ]),
          ),
        ]
      : []),
  ];
}
