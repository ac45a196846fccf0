import { longDate, type Block, type Cell, type PackDocument } from '../board-pack';
import { ActionStatus, Rag } from '../actions/action.enums';
import type { DigestContent } from './feedback-digest.service';
import { DECISION_WORDS } from './voice-loop.enums';

const STATUS: Record<ActionStatus, string> = {
  [ActionStatus.NOT_STARTED]: 'Not started',
  [ActionStatus.IN_PROGRESS]: 'In progress',
  [ActionStatus.COMPLETE]: 'Complete',
  [ActionStatus.CANCELLED]: 'Cancelled',
};
const RAG: Record<Rag, string> = { [Rag.RED]: 'Red', [Rag.AMBER]: 'Amber', [Rag.GREEN]: 'Green' };

/**
 * A released "you said, we did" digest as the board pack's blocks (drawn by its PDF and Word renderers):
 * what the forum said as recorded (anonymous), what was decided and why, and what was done, with a link
 * to each action's progress. `publicUrl` makes the links absolute.
 */
export function buildDigestDocument(content: DigestContent, publicUrl: string): PackDocument {
  const { digest, items } = content;
  const period = `${longDate(digest.periodFrom)} to ${longDate(digest.periodTo)}`;
  const blocks: Block[] = [{ kind: 'section', title: 'What you said and what we did' }];
  const count = (words: string) =>
    items.filter((i) => i.decision && DECISION_WORDS[i.decision] === words).length;
  blocks.push(
    {
      kind: 'paragraph',
      text:
        `${items.length} ${items.length === 1 ? 'thing was' : 'things were'} said at the forum in this period. ` +
        'Names and other details that could identify anyone are never recorded.',
    },
    {
      kind: 'table',
      columns: [
        { heading: 'Decision', width: 0.7 },
        { heading: 'Number', width: 0.3 },
      ],
      rows: [
        ...Object.values(DECISION_WORDS).map((w) => [w, String(count(w))]),
        ['Not yet decided', String(items.filter((i) => !i.decision).length)],
      ],
    },
  );
  items.forEach((item, n) => {
    blocks.push(
      { kind: 'heading', level: 2, text: `${n + 1}. Said on ${longDate(item.receivedOn)}` },
      { kind: 'heading', level: 3, text: 'You said' },
      { kind: 'paragraph', text: item.summary },
      { kind: 'heading', level: 3, text: 'We decided' },
      {
        kind: 'paragraph',
        text: item.decision
          ? `${DECISION_WORDS[item.decision]} (${longDate(item.decidedOn)}).${item.reason ? ` ${item.reason}` : ''}`
          : 'Not decided yet.',
      },
      { kind: 'heading', level: 3, text: 'We did' },
    );
    if (item.responses.length === 0) blocks.push({ kind: 'paragraph', text: 'Nothing recorded yet.' });
    for (const r of item.responses) {
      blocks.push({ kind: 'paragraph', text: `${longDate(r.respondedOn)}: ${r.text}` });
      if (r.actions.length) {
        const rows: Cell[][] = r.actions.map((a) => [
          `${a.ref}: ${a.title}`,
          STATUS[a.status] ?? a.status,
          a.rag ? { text: RAG[a.rag], rag: a.rag } : { text: 'Not rated', rag: null },
          `${publicUrl}/actions/${a.id}`,
        ]);
        blocks.push({
          kind: 'table',
          columns: [
            { heading: 'Action', width: 0.36 },
            { heading: 'Status', width: 0.16 },
            { heading: 'Rating', width: 0.14 },
            { heading: 'Progress', width: 0.34 },
          ],
          rows,
        });
      }
    }
  });
  if (items.length === 0)
    blocks.push({ kind: 'paragraph', text: 'No feedback was recorded in this period.' });
  return {
    title: `You said, we did: ${digest.forum}, ${period}`,
    kind: 'You said, we did',
    marking: 'OFFICIAL-SENSITIVE',
    runningHeader: `You said, we did: ${digest.forum}`,
    cover: [
      { label: 'Partnership', value: content.partnership },
      { label: 'Forum', value: digest.forum },
      { label: 'Period', value: period },
      {
        label: 'Released',
        value: digest.releasedAt ? longDate(digest.releasedAt.toISOString().slice(0, 10)) : '',
      },
    ],
    blocks,
  };
}

/** "Survivors' forum" 2026-01-01..2026-03-31 -> "you-said-we-did-survivors-forum-2026-01-01-2026-03-31.pdf". */
export function digestFileName(content: DigestContent, format: 'pdf' | 'docx'): string {
  const slug =
    content.digest.forum
      .toLowerCase()
      .normalize('NFKD')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60) || 'forum';
  return `you-said-we-did-${slug}-${content.digest.periodFrom}-${content.digest.periodTo}.${format}`;
}
