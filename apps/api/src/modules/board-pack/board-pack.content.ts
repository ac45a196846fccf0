import { dateInWords } from '../../shared/dates';
import { Rag } from '../actions/action.enums';
import { RAG_WORDS, STATUS_WORDS } from '../action-plan';
import { RecommendationStatus } from '../reviews/recommendation.entity';
import type { BoardPack } from './board-pack.service';
import type { PackActionRow } from './board-pack.queries';
import { changesBlocks } from './board-pack.changes';
import { restatementBlocks } from './board-pack.restatements';

/**
 * The pack as a list of blocks that both renderers (PDF and Word) draw, so that the two files always
 * hold the same content. Words only: no enum names, dates written out as people write them.
 */

export type Cell = string | { text: string; rag: Rag | null };

export interface Column {
  heading: string;
  /** Share of the text width. */
  width: number;
}

export interface Bar {
  label: string;
  /** 0..1, or null when there is nothing to draw (e.g. no rated actions). */
  value: number | null;
  rag: Rag | null;
  valueText: string;
}

export type Block =
  | { kind: 'section'; title: string }
  | { kind: 'heading'; level: 2 | 3; text: string }
  | { kind: 'paragraph'; text: string }
  | { kind: 'table'; columns: Column[]; rows: Cell[][] }
  | { kind: 'bars'; title: string; alt: string; bars: Bar[] };

export interface PackDocument {
  title: string;
  /** What the document is, under its title ("Board pack" when not given). */
  kind?: string;
  /** "OFFICIAL" or "OFFICIAL-SENSITIVE" (the government security classification the reader expects). */
  marking: string;
  runningHeader: string;
  cover: Array<{ label: string; value: string }>;
  blocks: Block[];
}

/** A table block: its columns as [heading, share of the text width] pairs. */
export function table(columns: Array<[heading: string, width: number]>, rows: Cell[][]): Block {
  return { kind: 'table', columns: columns.map(([heading, width]) => ({ heading, width })), rows };
}

export const RAG_TEXT = (rag: Rag | null) => (rag ? RAG_WORDS[rag] : 'Not rated');

const RECOMMENDATION_WORDS: Record<RecommendationStatus, string> = {
  [RecommendationStatus.OPEN]: 'Open',
  [RecommendationStatus.IN_PROGRESS]: 'In progress',
  [RecommendationStatus.IMPLEMENTED]: 'Implemented',
  [RecommendationStatus.ASSURED]: 'Assured',
};

/** 2026-12-05 -> "5 December 2026". */
export function longDate(iso: string | null): string {
  return iso ? dateInWords(iso) : '';
}

const percent = (v: number | null) => (v == null ? 'no rated actions' : `${Math.round(v * 100)}%`);
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/**
 * The pack's sections in order after the cover: each a function of the gathered pack giving its
 * blocks, so that a new section is a file of its own and one entry here.
 */
export type PackSection = (pack: BoardPack) => Block[];
const SECTIONS: PackSection[] = [
  (pack) => summary(pack),
  (pack) => restatementBlocks(pack),
  (pack) => changesBlocks(pack),
  (pack) => exceptions(pack),
  (pack) => {
    const byOutput = actionsBy(pack.actions, (a) => `${a.objectiveId}/${a.outputId ?? ''}`);
    return pack.rollup.objectives.flatMap((o) => objectiveSection(pack, o, byOutput));
  },
  (pack) => recommendations(pack),
  (pack) => voice(pack),
];

export function buildPackDocument(pack: BoardPack): PackDocument {
  const { rollup } = pack;
  const s = rollup.strategy;
  const marking = pack.sensitive ? 'OFFICIAL-SENSITIVE' : 'OFFICIAL';
  const period = [longDate(s.startsOn), longDate(s.endsOn)].filter(Boolean).join(' to ') || 'Not set';
  const blocks = SECTIONS.flatMap((section) => section(pack));
  return {
    title: `${s.title}: board pack, ${longDate(pack.asOf)}`,
    marking,
    runningHeader: `${pack.partnership} · ${s.title} · as of ${longDate(pack.asOf)}`,
    cover: [
      { label: 'Partnership', value: pack.partnership },
      { label: 'Strategy', value: s.title },
      { label: 'Strategy period', value: period },
      {
        label: pack.roundName ? 'Reporting round' : 'Figures as of',
        value: pack.roundName
          ? `${pack.roundName}: figures as of ${longDate(pack.asOf)}`
          : longDate(pack.asOf),
      },
      { label: 'Date produced', value: longDate(pack.producedOn) },
      {
        label: 'Marking',
        value: pack.sensitive
          ? 'Official-sensitive: this pack includes recommendations of confidential reviews. Do not share it beyond those entitled to see them.'
          : 'Official',
      },
    ],
    blocks,
  };
}

function summary(pack: BoardPack): Block[] {
  const { rollup } = pack;
  const t = rollup.totals;
  const overall = rollup.objectives.filter((o) => o.score != null);
  const mean = overall.length ? overall.reduce((a, o) => a + (o.score ?? 0), 0) / overall.length : null;
  const r = rollup.recommendations;
  return [
    { kind: 'section', title: 'Summary' },
    {
      kind: 'paragraph',
      text:
        `Across ${plural(rollup.objectives.length, 'objective')}, ${plural(t.total, 'action')} had been agreed by ` +
        `${longDate(pack.asOf)}: ${t.complete} complete, ${t.inProgress} in progress, ${t.notStarted} not started ` +
        `and ${t.cancelled} cancelled. ${t.red} rated red, ${t.amber} amber, ${t.green} green and ${t.unrated} ` +
        `not rated. ${plural(t.overdue, 'action is', 'actions are')} overdue and ` +
        `${plural(t.staleUpdates, 'action has', 'actions have')} not been updated within the expected time.`,
    },
    {
      kind: 'paragraph',
      text:
        `Average objective score: ${percent(mean)}. An objective is green at ` +
        `${Math.round(rollup.strategy.greenThreshold * 100)}% or more and amber at ` +
        `${Math.round(rollup.strategy.amberThreshold * 100)}% or more.`,
    },
    {
      kind: 'bars',
      title: 'Objective scores',
      alt:
        'Bar chart of each objective’s score. ' +
        rollup.objectives
          .map((o) => `${o.objective.code}: ${percent(o.score)}, ${RAG_TEXT(o.derivedRag).toLowerCase()}`)
          .join('; ') +
        '.',
      bars: rollup.objectives.map((o) => ({
        label: o.objective.code,
        value: o.score,
        rag: o.derivedRag,
        valueText: `${percent(o.score)} ${o.score == null ? '' : RAG_TEXT(o.derivedRag)}`.trim(),
      })),
    },
    table(
      [
        ['Objective', 0.34],
        ['Rating', 0.12],
        ['Score', 0.1],
        ['Actions', 0.1],
        ['Red', 0.08],
        ['Overdue', 0.12],
        ['Not updated', 0.14],
      ],
      rollup.objectives.map((o) => [
        `${o.objective.code}: ${o.objective.title}`,
        { text: RAG_TEXT(o.derivedRag), rag: o.derivedRag },
        o.score == null ? '–' : percent(o.score),
        String(o.actions.total),
        String(o.actions.red),
        String(o.actions.overdue),
        String(o.actions.staleUpdates),
      ]),
    ),
    {
      kind: 'paragraph',
      text:
        `Review recommendations: ${r.total} in all, ${r.open} open, ${r.inProgress} in progress, ` +
        `${r.implemented} implemented and ${r.assured} assured; ${r.overdue} overdue. ` +
        `Survivor voice: ${plural(rollup.feedback.total, 'piece')} of feedback received, ` +
        `${rollup.feedback.responded} with a response.`,
    },
  ];
}

function whyListed(a: PackActionRow): string {
  const why: string[] = [];
  if (a.rag === Rag.RED && a.status !== 'CANCELLED') why.push('Red');
  if (a.overdue) why.push(`Overdue (due ${longDate(a.dueOn)})`);
  if (a.stale) why.push(a.reportedOn ? `No update since ${longDate(a.reportedOn)}` : 'Never updated');
  return why.join('; ');
}

function exceptions(pack: BoardPack): Block[] {
  const listed = pack.actions.filter(
    (a) => (a.rag === Rag.RED && a.status !== 'CANCELLED') || a.overdue || a.stale,
  );
  const code = new Map(pack.rollup.objectives.map((o) => [o.objective.id, o.objective.code]));
  return [
    { kind: 'section', title: 'Exceptions' },
    {
      kind: 'paragraph',
      text: listed.length
        ? `${plural(listed.length, 'action needs', 'actions need')} the board’s attention: every action rated red, overdue, or not updated within the expected time.`
        : 'No action is rated red, overdue, or without a recent update.',
    },
    ...(listed.length
      ? [
          table(
            [
              ['Action', 0.2],
              ['Why it is listed', 0.14],
              ['Latest progress', 0.24],
              ['Impact', 0.2],
              ['Owner group and lead', 0.14],
              ['RAG', 0.08],
            ],
            listed.map((a) => [
              `${a.ref} (${code.get(a.objectiveId) ?? ''}): ${a.title}`,
              whyListed(a),
              a.progress || 'No update yet',
              a.impact || '–',
              [a.group, a.lead].filter(Boolean).join(', lead: '),
              { text: RAG_TEXT(a.rag), rag: a.rag },
            ]),
          ),
        ]
      : []),
  ];
}

type ObjectiveRollup = BoardPack['rollup']['objectives'][number];

/** The annual report's own table: Priority | Agreed action | Action update | Action impact | RAG. */
function actionTable(actions: PackActionRow[]): Block {
  return table(
    [
      ['Priority', 0.1],
      ['Agreed action', 0.26],
      ['Action update', 0.3],
      ['Action impact', 0.24],
      ['RAG', 0.1],
    ],
    actions.map((a) => [
      a.ref,
      a.title,
      [
        a.progress || 'No update yet',
        `${STATUS_WORDS[a.status]}${a.reportedOn ? `, ${longDate(a.reportedOn)}` : ''}.`,
      ]
        .filter(Boolean)
        .join(' '),
      a.impact || '–',
      { text: RAG_TEXT(a.rag), rag: a.rag },
    ]),
  );
}

/** Actions grouped by `key`, each group in the pack's order. */
function actionsBy(actions: PackActionRow[], key: (a: PackActionRow) => string) {
  const groups = new Map<string, PackActionRow[]>();
  for (const a of actions) {
    const k = key(a);
    const group = groups.get(k);
    if (group) group.push(a);
    else groups.set(k, [a]);
  }
  return groups;
}

function objectiveSection(
  pack: BoardPack,
  o: ObjectiveRollup,
  byOutput: Map<string, PackActionRow[]>,
): Block[] {
  const blocks: Block[] = [
    { kind: 'section', title: `${o.objective.code}: ${o.objective.title}` },
    ...(o.objective.description ? [{ kind: 'paragraph' as const, text: o.objective.description }] : []),
    {
      kind: 'paragraph',
      text: `Rating: ${RAG_TEXT(o.derivedRag)} (score ${percent(o.score)}). ${plural(o.actions.total, 'action')}: ${o.actions.red} red, ${o.actions.overdue} overdue, ${o.actions.complete} complete.`,
    },
    { kind: 'heading', level: 2, text: 'Outputs and their actions' },
  ];
  for (const out of o.outputs) {
    blocks.push({ kind: 'heading', level: 3, text: out.output.title });
    blocks.push({
      kind: 'paragraph',
      text: `Rating: ${RAG_TEXT(out.derivedRag)} (score ${percent(out.score)}), ${plural(out.actions.total, 'action')}.`,
    });
    const mine = byOutput.get(`${o.objective.id}/${out.output.id}`) ?? [];
    blocks.push(mine.length ? actionTable(mine) : { kind: 'paragraph', text: 'No actions agreed yet.' });
  }
  const loose = byOutput.get(`${o.objective.id}/`) ?? [];
  if (loose.length) {
    blocks.push({ kind: 'heading', level: 3, text: 'Actions not linked to an output' });
    blocks.push(actionTable(loose));
  }
  blocks.push({ kind: 'heading', level: 2, text: 'Outcomes and their indicators' });
  if (!o.outcomes.length) blocks.push({ kind: 'paragraph', text: 'No outcomes recorded.' });
  for (const oc of o.outcomes) {
    blocks.push({ kind: 'heading', level: 3, text: oc.outcome.title });
    if (!oc.indicators.length) {
      blocks.push({ kind: 'paragraph', text: 'No indicators recorded.' });
      continue;
    }
    const rows: Cell[][] = [];
    const bars: Bar[] = [];
    for (const ind of oc.indicators) {
      const unit = !ind.indicator.unit ? '' : ind.indicator.unit === '%' ? '%' : ` ${ind.indicator.unit}`;
      const num = (v: number | null) => (v == null ? '–' : `${formatNumber(v)}${unit}`);
      const progressOf = (v: number | null) =>
        v == null || ind.baseline == null || ind.target == null || ind.target === ind.baseline
          ? null
          : Math.min(1, Math.max(0, (v - ind.baseline) / (ind.target - ind.baseline)));
      const places = [
        { area: 'Partnership-wide', value: ind.latest, period: ind.latestPeriod },
        ...(pack.areaValues.get(ind.indicator.id) ?? []).map((a) => ({ ...a, area: a.area })),
      ];
      for (const p of places) {
        const progress = p.area === 'Partnership-wide' ? ind.progress : progressOf(p.value);
        rows.push([
          ind.indicator.name,
          p.area,
          num(ind.baseline),
          p.value == null ? 'Not measured' : `${num(p.value)} (${longDate(p.period)})`,
          num(ind.target),
          progress == null ? '–' : percent(progress),
        ]);
        if (progress != null) {
          bars.push({
            label: `${ind.indicator.name}, ${p.area}`,
            value: progress,
            rag: null,
            valueText: percent(progress),
          });
        }
      }
    }
    blocks.push(
      table(
        [
          ['Indicator', 0.28],
          ['Area', 0.16],
          ['Baseline', 0.12],
          ['Latest', 0.2],
          ['Target', 0.12],
          ['Progress', 0.12],
        ],
        rows,
      ),
    );
    if (bars.length) {
      blocks.push({
        kind: 'bars',
        title: `Progress from baseline to target: ${oc.outcome.title}`,
        alt:
          'Bar chart of progress from baseline to target. ' +
          bars.map((b) => `${b.label}: ${b.valueText}`).join('; ') +
          '.',
        bars,
      });
    }
  }
  return blocks;
}

function recommendations(pack: BoardPack): Block[] {
  const r = pack.rollup.recommendations;
  return [
    { kind: 'section', title: 'Review recommendations' },
    table(
      [
        ['Open', 1 / 6],
        ['In progress', 1 / 6],
        ['Implemented', 1 / 6],
        ['Assured', 1 / 6],
        ['Overdue', 1 / 6],
        ['Total', 1 / 6],
      ],
      [[r.open, r.inProgress, r.implemented, r.assured, r.overdue, r.total].map(String)],
    ),
    pack.recommendations.length
      ? table(
          [
            ['Review', 0.18],
            ['Ref', 0.06],
            ['Recommendation', 0.35],
            ['Agency', 0.15],
            ['Due', 0.12],
            ['Status', 0.14],
          ],
          pack.recommendations.map((x) => [
            `${x.reviewRef}: ${x.reviewTitle}${x.confidential ? ' (confidential)' : ''}`,
            x.ref,
            x.text,
            x.agency || '–',
            longDate(x.dueOn) || '–',
            RECOMMENDATION_WORDS[x.status] ?? x.status,
          ]),
        )
      : { kind: 'paragraph', text: 'No recommendations to show.' },
  ];
}

function voice(pack: BoardPack): Block[] {
  return [
    { kind: 'section', title: 'Survivor voice: you said, we did' },
    pack.feedbackWithheld
      ? {
          kind: 'paragraph',
          text:
            "Survivors' words go only to facilitators and strategic leads: this pack gives the numbers " +
            `(${pack.rollup.feedback.total} received, ${pack.rollup.feedback.responded} with a response).`,
        }
      : pack.feedback.length
        ? table(
            [
              ['You said', 0.5],
              ['We did', 0.5],
            ],
            pack.feedback.map((f) => [
              `${f.summary} (${f.forum}, ${longDate(f.receivedOn)})`,
              f.responses.length
                ? f.responses.map((x) => `${x.text} (${longDate(x.respondedOn)})`).join('\n')
                : 'No response yet.',
            ]),
          )
        : { kind: 'paragraph', text: 'No feedback received by this date.' },
  ];
}

/** Made once: `toLocaleString` with a locale makes a number format per call (a pack has thousands). */
const WHOLE = new Intl.NumberFormat('en-GB');
const TWO_PLACES = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 2 });

function formatNumber(v: number): string {
  return Number.isInteger(v) ? WHOLE.format(v) : TWO_PLACES.format(v);
}
