import { createWriteStream } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ActionStatus, Rag } from '../actions/action.enums';
import { RecommendationStatus } from '../reviews/recommendation.entity';
import type { BoardRollup } from '../rollup/rollup.type';
import { buildPackDocument } from './board-pack.content';
import { A4, MARGIN } from './pdf-layout';
import { writePackPdf } from './board-pack.pdf';
import type { BoardPack } from './board-pack.service';
import type { PackActionRow } from './board-pack.queries';
import { pdfInfo, pdfText, pdfWordBoxes, renderPages } from './test-support/read-back';

/**
 * The PDF's layout at bench size M (docs/performance.md: 20 objectives, 80 outputs, 5,000 actions,
 * 120 indicators measured in five areas): every page read back with poppler, so that a layout
 * regression shows as a word outside the text block or ink beyond the margins on some page, not only
 * on the demo's fifteen. The data is made here, shaped like the bench's, with the awkward cases a real
 * plan has: long progress text, a word wider than its column, newlines, non-Latin names.
 */

const OBJECTIVES = 20;
const OUTPUTS_PER_OBJECTIVE = 4;
const ACTIONS = 5000;
const AREAS = ['Hammersmith and Fulham', 'Kensington and Chelsea', 'Westminster', 'Camden', 'Islington'];
const tally = (total: number) => ({
  total,
  red: Math.floor(total / 5),
  amber: Math.floor(total / 4),
  green: Math.floor(total / 3),
  unrated: 0,
  notStarted: 0,
  inProgress: total,
  complete: 0,
  cancelled: 0,
  overdue: Math.floor(total / 6),
  staleUpdates: Math.floor(total / 7),
});
const RAGS = [Rag.RED, Rag.AMBER, Rag.GREEN, null];

function sizeMPack(): BoardPack {
  const objectives = Array.from({ length: OBJECTIVES }, (_, o) => {
    const id = `objective-${o}`;
    return {
      objective: {
        id,
        code: `O${String(o + 1).padStart(2, '0')}`,
        title: `Objective ${o + 1}: survivors are safe, heard and supported across every borough`,
        description: 'Women and girls get help early, wherever they first ask for it. '.repeat(3),
      },
      score: o % 7 === 0 ? null : (o % 10) / 10,
      derivedRag: RAGS[o % 4],
      actions: tally(ACTIONS / OBJECTIVES),
      outputs: Array.from({ length: OUTPUTS_PER_OBJECTIVE }, (_, k) => ({
        output: { id: `${id}-output-${k}`, title: `Output ${k + 1} of objective ${o + 1}` },
        score: 0.5,
        derivedRag: Rag.AMBER,
        actions: tally(ACTIONS / OBJECTIVES / OUTPUTS_PER_OBJECTIVE),
      })),
      outcomes: Array.from({ length: 3 }, (_, k) => ({
        outcome: { id: `${id}-outcome-${k}`, title: `Outcome ${k + 1}: fewer repeat referrals to MARAC` },
        indicators: Array.from({ length: 2 }, (_, i) => ({
          indicator: {
            id: `${id}-${k}-indicator-${i}`,
            name: `Percentage of cases where risk is reduced at case closure (${k}.${i})`,
            unit: '%',
          },
          baseline: 40,
          target: 80,
          latest: 40 + ((o + k + i) % 45),
          latestPeriod: '2026-09-30',
          progress: ((o + k + i) % 45) / 40,
        })),
      })),
    };
  });
  const actions: PackActionRow[] = Array.from({ length: ACTIONS }, (_, n) => {
    const o = n % OBJECTIVES;
    const k = Math.floor(n / OBJECTIVES) % OUTPUTS_PER_OBJECTIVE;
    return {
      id: `action-${n}`,
      objectiveId: `objective-${o}`,
      outputId: n % 97 === 0 ? null : `objective-${o}-output-${k}`,
      ref: `A${String(n).padStart(6, '0')}`,
      title: `Action ${n}: improve the response to survivors of domestic abuse in ${AREAS[n % 5]}`,
      lead: n % 11 === 0 ? 'Zoë Nwachukwu-Ørsted' : 'Probation',
      group: `Group ${String((n % 5) + 1).padStart(2, '0')}`,
      dueOn: '2026-03-31',
      status: ActionStatus.IN_PROGRESS,
      rag: RAGS[n % 4],
      reportedOn: '2026-06-13',
      progress:
        n % 13 === 0
          ? `See https://example.org/a-very-long-address-without-any-space-in-it-${n}-that-is-wider-than-the-column\nand a second paragraph.`
          : `Progress note ${n}: partners met and agreed the next steps. `.repeat(1 + (n % 4)),
      impact: n % 3 === 0 ? null : 'Survivors report feeling safer and better informed about support.',
      overdue: n % 6 === 0,
      stale: n % 7 === 0,
    };
  });
  const areaRows = objectives.flatMap((o) =>
    o.outcomes.flatMap((oc) =>
      oc.indicators.flatMap((ind) =>
        AREAS.map((area, a) => ({
          indicatorId: ind.indicator.id,
          area,
          value: 40 + a * 9,
          period: '2026-09-30',
        })),
      ),
    ),
  );
  const areaValues = new Map<string, typeof areaRows>();
  for (const row of areaRows)
    areaValues.set(row.indicatorId, [...(areaValues.get(row.indicatorId) ?? []), row]);
  const rollup = {
    asOf: '2026-12-06',
    strategy: {
      id: 'strategy',
      title: 'Bench VAWG strategy',
      startsOn: '2025-04-01',
      endsOn: '2028-03-31',
      greenThreshold: 0.8,
      amberThreshold: 0.5,
    },
    totals: tally(ACTIONS),
    objectives,
    recommendations: { total: 80, open: 20, inProgress: 20, implemented: 20, assured: 20, overdue: 5 },
    feedback: { total: 80, responded: 40 },
  } as unknown as BoardRollup;
  return {
    partnership: 'Bench partnership',
    rollup,
    asOf: rollup.asOf,
    producedOn: '2026-12-06',
    roundName: null,
    sensitive: false,
    actions,
    areaValues,
    recommendations: Array.from({ length: 80 }, (_, r) => ({
      reviewRef: `DHR-${String(Math.floor(r / 8)).padStart(2, '0')}`,
      reviewTitle: 'Domestic homicide review',
      confidential: false,
      ref: `R${r + 1}`,
      text: 'Agencies should share information about risk at the first contact. '.repeat(1 + (r % 3)),
      agency: 'Metropolitan Police Service',
      dueOn: '2026-12-31',
      status: RecommendationStatus.OPEN,
    })),
    feedbackWithheld: false,
    feedback: Array.from({ length: 80 }, (_, f) => ({
      forum: 'Survivors’ forum',
      receivedOn: '2026-05-01',
      summary: 'We were not told who would call us back, or when. '.repeat(1 + (f % 3)),
      responses:
        f % 2
          ? [{ text: 'Every referral now gets a named contact within a day.', respondedOn: '2026-06-01' }]
          : [],
    })),
  };
}

describe('board pack layout at size M', () => {
  it('keeps every word inside the text block and every page’s ink inside the margins', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'board-pack-m-'));
    const file = join(dir, 'pack.pdf');
    // THROUGHLINE_FAST_PATHS=0 runs it through pdfkit's public API only (src/fast-paths.ts).
    await writePackPdf(buildPackDocument(sizeMPack()), createWriteStream(file), {
      fastPaths: process.env.THROUGHLINE_FAST_PATHS !== '0',
    });

    const info = pdfInfo(file);
    expect(info.Tagged).toBe('yes');
    const pages = Number(info.Pages);
    // Every action's row, in its objective's table and again among the exceptions.
    expect(pages).toBeGreaterThan(300);
    expect(pdfText(file)).toContain('A004999');

    // Words (pdftotext's boxes, in points): inside the margins left and right, inside the page.
    const boxes = pdfWordBoxes(file);
    expect(boxes.length).toBe(pages);
    const outside: string[] = [];
    for (const page of boxes) {
      for (const w of page.words) {
        if (
          w.xMin < MARGIN.left - 1 ||
          w.xMax > A4.width - MARGIN.right + 1 ||
          w.yMin < 0 ||
          w.yMax > A4.height
        ) {
          outside.push(`page ${page.page}: "${w.text}" at ${w.xMin}-${w.xMax}, ${w.yMin}-${w.yMax}`);
        }
      }
    }
    expect(outside.slice(0, 20)).toEqual([]);

    // Ink (rules, fills, charts as well as text): within the text block's sides on every page.
    const dpi = 18;
    const side = Math.floor(((MARGIN.left - 2) / 72) * dpi);
    const rendered = renderPages(file, dpi);
    expect(rendered.length).toBe(pages);
    const inkOutside = rendered
      .filter((p) => {
        if (!p.ink) return true;
        const [left, top, right, bottom] = p.ink;
        return left < side || p.width - 1 - right < side || top <= 0 || p.height - 1 - bottom <= 0;
      })
      .map((p) => `page ${p.page}: ink ${JSON.stringify(p.ink)} on ${p.width}x${p.height}`);
    expect(inkOutside.slice(0, 20)).toEqual([]);
  }, 600_000);
});
