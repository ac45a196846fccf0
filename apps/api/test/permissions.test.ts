/**
 * The permission matrix (issue 4): every mutation and every sensitive query, tried as each kind of
 * person, asserting exactly what the roles table of docs/domain.md says:
 *
 * | role                          | may                                                           |
 * | ADMIN                         | everything in the partnership                                 |
 * | BOARD                         | read everything that is not confidential; no writes           |
 * | CHAIR / COORDINATOR of a group| edit and update that group's actions; create actions for it   |
 * | MEMBER of a group             | post updates on that group's actions                          |
 * | DHR_PANEL                     | create and edit reviews and recommendations, read confidential|
 * | FACILITATOR                   | record feedback and responses                                 |
 *
 * Confidential reviews and their recommendations exist only for ADMIN and DHR_PANEL (absent / null /
 * NOT_FOUND for everyone else). Everyone signed in reads strategy, actions and roll-ups. Anonymous
 * callers get UNAUTHENTICATED. OUTSIDER is an ADMIN of another partnership: every record here is
 * NOT_FOUND or absent for them (IDOR across tenants).
 *
 * Every successful mutation must leave an audit entry by its caller under its own name; every refused
 * one must leave none.
 *
 * The personas, rows and fixture are in test/support/permission-matrix.ts and permission-fixture.ts;
 * the cases, one table per module, in test/permissions/*.cases.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actionsMutations } from './permissions/actions.cases';
import { identityMutations } from './permissions/identity.cases';
import { readCases } from './permissions/reads.cases';
import { reviewsMutations } from './permissions/reviews.cases';
import { roundsMutations } from './permissions/rounds.cases';
import { strategyMutations } from './permissions/strategy.cases';
import { voiceMutations } from './permissions/voice.cases';
import { setUpMatrix } from './support/permission-fixture';
import {
  Matrix,
  PERSONAS,
  type MutationCase,
  type Outcome,
  type Persona,
  type ReadCase,
  type Sight,
  type Vars,
} from './support/permission-matrix';

describe('permission matrix', () => {
  const matrix = new Matrix();
  const { users, f, notes, exists } = matrix;

  beforeAll(() => setUpMatrix(matrix));
  afterAll(async () => {
    if (notes.length) console.info(`permission matrix notes:\n- ${notes.join('\n- ')}`);
    await matrix.t?.close();
  });

  // ---------------------------------------------------------------------------------------------
  // Mutations
  // ---------------------------------------------------------------------------------------------
  const mutations: MutationCase[] = [
    ...identityMutations(matrix),
    ...strategyMutations(matrix),
    ...actionsMutations(matrix),
    ...reviewsMutations(matrix),
    ...roundsMutations(matrix),
    ...voiceMutations(matrix),
  ];

  for (const c of mutations) {
    it(`${c.field}${c.label ? ` (${c.label})` : ''}`, async (ctx) => {
      if (!exists('mutation', c.field)) {
        notes.push(`mutation ${c.field} is not in the schema yet: not covered`);
        ctx.skip();
      }
      const got = {} as Record<Persona, Outcome | string>;
      for (const p of PERSONAS) {
        const vars = await c.vars(p);
        const token = c.token ? await c.token(p) : users[p].token;
        const [{ n: auditBefore }] = await matrix.t.dataSource.query(
          `SELECT count(*)::int AS n FROM audit_entry`,
        );
        const res = await matrix.t.request(c.doc, vars, { token });
        const error = res.errors?.[0];
        const code = error?.extensions?.code as string | undefined;
        if (!code) got[p] = 'ok';
        else if (['FORBIDDEN', 'UNAUTHENTICATED', 'NOT_FOUND'].includes(code)) got[p] = code;
        else if (code === 'BAD_USER_INPUT') got[p] = `BAD_USER_INPUT:${error!.extensions!.field}`;
        else got[p] = `${code}: ${error!.message}`;
        // The audit trail: one entry per success, by the caller, under the mutation's name; none for a refusal.
        const [{ n: auditAfter }] = await matrix.t.dataSource.query(
          `SELECT count(*)::int AS n FROM audit_entry`,
        );
        if (got[p] === 'ok') {
          const actorId = p === 'ANON' ? null : users[p].id;
          const [{ n: mine }] = await matrix.t.dataSource.query(
            `SELECT count(*)::int AS n FROM audit_entry WHERE id > (SELECT coalesce(max(id), 0) FROM audit_entry) - $1
               AND operation = $2 AND actor_id IS NOT DISTINCT FROM $3`,
            [auditAfter - auditBefore, c.field, actorId],
          );
          expect(mine, `${c.field} by ${p} left no audit entry of its own`).toBeGreaterThan(0);
        } else {
          expect(auditAfter - auditBefore, `${c.field} refused for ${p} but audited`).toBe(0);
        }
      }
      expect(got).toEqual(c.expect);
    });
  }

  it('has a case for every mutation in the schema (login is open by design)', () => {
    const covered = new Set(mutations.map((c) => c.field));
    const missing = Object.keys(matrix.schema.getMutationType()!.getFields()).filter(
      (m) => m !== 'login' && !covered.has(m),
    );
    expect(missing).toEqual([]);
  });

  // ---------------------------------------------------------------------------------------------
  // Sensitive queries
  const reads: ReadCase[] = readCases(matrix);

  it('has a read case for every query in the schema (me is null when anonymous, by design)', () => {
    const covered = new Set(reads.map((c) => c.field));
    const missing = Object.keys(matrix.schema.getQueryType()!.getFields()).filter(
      (q) => q !== 'me' && !covered.has(q),
    );
    expect(missing).toEqual([]);
  });

  const varsFor = (c: ReadCase): Vars => {
    if (c.vars) return { id: f.actionOwn, ...c.vars };
    if (c.field === 'review')
      return { id: /confidential/.test(c.label) ? f.reviewConfidential : f.reviewPublic };
    if (c.field === 'recommendation') return { id: f.recConfidential };
    if (c.field === 'feedbackDigest') return { id: f.digestDraft };
    if (c.field === 'action')
      return { id: c.label.startsWith('a confidential') ? f.actionOwn : f.actionOther };
    if (c.field === 'strategy' || c.field === 'boardRollup' || c.field === 'rollupChanges')
      return { id: f.strategy };
    if (c.field === 'objectiveTrend') return { id: f.objective };
    if (c.field === 'actionImport') return { id: f.actionImport };
    if (c.field === 'redactableText') return { id: f.feedback };
    if (c.field.startsWith('reportingRound')) return { s: f.roundStrategy, r: f.round };
    if (c.field === 'groupReturn') return { g: f.returnOwn };
    return {};
  };

  for (const c of reads) {
    it(`${c.field}: ${c.label}`, async (ctx) => {
      if (!exists('query', c.field)) {
        notes.push(`query ${c.field} is not in the schema yet: not covered`);
        ctx.skip();
      }
      const got = {} as Record<Persona, Sight | string>;
      for (const p of PERSONAS) {
        const res = await matrix.t.request(c.doc, varsFor(c), { token: users[p].token });
        const code = res.errors?.[0]?.extensions?.code as string | undefined;
        if (code === 'NOT_FOUND') got[p] = 'hidden';
        else if (code)
          got[p] =
            code === 'FORBIDDEN' || code === 'UNAUTHENTICATED' ? code : `${code}: ${res.errors![0].message}`;
        else got[p] = (await c.shows(res.data as never)) ? 'visible' : 'hidden';
      }
      expect(got).toEqual(c.expect);
    });
  }

  // ---------------------------------------------------------------------------------------------
  // The action plan's spreadsheet routes (REST beside /graphql, same session): the export for
  // everyone signed in who reads the strategy, the upload for ADMIN only. An upload that is accepted
  // leaves its caller's audit entry; a refused one leaves none.
  // ---------------------------------------------------------------------------------------------
  const statuses = (ok: Persona[], okStatus: number) => {
    const row = {} as Record<Persona, number>;
    for (const p of PERSONAS) row[p] = ok.includes(p) ? okStatus : 403;
    row.ANON = 401;
    row.OUTSIDER = 404;
    return row;
  };
  const bearer = (p: Persona): Record<string, string> =>
    users[p].token ? { authorization: `Bearer ${users[p].token}` } : {};

  // Downloads: everyone signed in who reads the record gets the file.
  const downloads: Array<{ name: string; path: () => string }> = [
    {
      name: 'GET /api/strategies/:id/action-plan.xlsx (the export)',
      path: () => `/api/strategies/${f.strategy}/action-plan.xlsx`,
    },
    {
      name: 'GET /api/returns/:id/return.xlsx (the spreadsheet return)',
      path: () => `/api/returns/${f.returnOwn}/return.xlsx`,
    },
  ];
  for (const c of downloads) {
    it(c.name, async () => {
      const got = {} as Record<Persona, number>;
      for (const p of PERSONAS) {
        const res = await fetch(`${matrix.t.url}${c.path()}`, { headers: bearer(p) });
        await res.arrayBuffer();
        got[p] = res.status;
      }
      expect(got).toEqual(statuses([...PERSONAS], 200));
    });
  }

  // The board pack: everyone signed in who reads the roll-up; the file holds confidential reviews'
  // recommendations (and says so) only for ADMIN and DHR_PANEL.
  it('GET /reports/board-pack (PDF and Word)', async () => {
    for (const format of ['pdf', 'docx']) {
      const got = {} as Record<Persona, number>;
      const sensitive: Persona[] = [];
      for (const p of PERSONAS) {
        const res = await fetch(
          `${matrix.t.url}/reports/board-pack?strategy=${f.strategy}&format=${format}`,
          {
            headers: bearer(p),
          },
        );
        await res.arrayBuffer();
        got[p] = res.status;
        if (res.status !== 200) continue;
        const [audit] = await matrix.t.dataSource.query(
          `SELECT after FROM audit_entry WHERE operation = 'produceBoardPack' AND actor_id = $1
            ORDER BY id DESC LIMIT 1`,
          [users[p].id],
        );
        if (audit.after.sensitive) sensitive.push(p);
      }
      expect(got).toEqual(statuses([...PERSONAS], 200));
      expect(sensitive.sort()).toEqual(PERSONAS.filter((p) => p === 'ADMIN' || p === 'DHR_PANEL').sort());
    }
  });

  // Uploads: accepted ones leave their caller's audit entry (`operation`), refused ones leave none.
  const uploads: Array<{
    name: string;
    path: () => string;
    form: (p: Persona) => Promise<FormData>;
    operation: string;
    allowed: Persona[];
    okStatus: number;
  }> = [
    {
      name: 'POST /api/strategies/:id/action-imports (the upload and preview)',
      path: () => `/api/strategies/${f.strategy}/action-imports`,
      form: async (p) => {
        const form = new FormData();
        form.append(
          'file',
          new Blob([`Ref,Objective,Title,Group\nUP-${p},O1,Uploaded,Own group\n`]),
          'plan.csv',
        );
        return form;
      },
      operation: 'previewActionImport',
      allowed: ['ADMIN'],
      okStatus: 201,
    },
    {
      name: 'POST /api/returns/:id/return-sheet (the filled-in return, confirmed)',
      path: () => `/api/returns/${f.returnOwn}/return-sheet`,
      form: async () => {
        const [{ version: v }] = await matrix.t.dataSource.query(
          `SELECT version FROM action WHERE ref = 'ROUND-1'`,
        );
        const form = new FormData();
        form.append(
          'file',
          new Blob([`Ref,Version (do not change),New status,New RAG,Progress,Impact\nROUND-1,${v},,,,\n`]),
          'return.csv',
        );
        form.append('confirm', 'yes');
        return form;
      },
      operation: 'uploadGroupReturn',
      allowed: ['ADMIN', 'CHAIR_OWN', 'COORDINATOR_OWN', 'MEMBER'],
      okStatus: 200,
    },
  ];
  for (const c of uploads) {
    it(c.name, async () => {
      const got = {} as Record<Persona, number>;
      for (const p of PERSONAS) {
        const body = await c.form(p);
        const [{ n: auditBefore }] = await matrix.t.dataSource.query(
          `SELECT count(*)::int AS n FROM audit_entry`,
        );
        const res = await fetch(`${matrix.t.url}${c.path()}`, { method: 'POST', headers: bearer(p), body });
        await res.arrayBuffer();
        got[p] = res.status;
        const [{ n: auditAfter }] = await matrix.t.dataSource.query(
          `SELECT count(*)::int AS n FROM audit_entry`,
        );
        if (res.status === c.okStatus) {
          const [{ n: mine }] = await matrix.t.dataSource.query(
            `SELECT count(*)::int AS n FROM audit_entry WHERE id > (SELECT max(id) FROM audit_entry) - $1
               AND operation = $3 AND actor_id = $2`,
            [auditAfter - auditBefore, users[p].id, c.operation],
          );
          expect(mine, `the upload by ${p} left no audit entry of its own`).toBe(1);
        } else {
          expect(auditAfter - auditBefore, `the upload refused for ${p} but audited`).toBe(0);
        }
      }
      expect(got).toEqual(statuses(c.allowed, c.okStatus));
    });
  }
});
