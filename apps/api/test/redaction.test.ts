/**
 * Redaction (docs/security.md, "Redaction") through the public API on a real database: the words go
 * from every table (a pg_dump of the whole test database is searched), from the earlier audit
 * snapshots, and from the exports read back (board pack PDF and Word, action plan spreadsheet); the
 * audit trail says who redacted and why, without the words; every other audit entry is untouched.
 */
import { execFileSync } from 'node:child_process';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MembershipRole, Role, startTestApp, type TestApp, type TestUser } from './support/test-app';
import { todayIso } from '../src/shared/dates';
import { docxText, docxXml, pdfText, savePdf } from '../src/modules/board-pack/test-support/read-back';

const RECORD = `mutation($input: FeedbackInput!) { recordFeedback(input: $input) { id version } }`;
const RESPOND = `mutation($input: FeedbackResponseInput!) { respondToFeedback(input: $input) {
  id responses { id version text } } }`;
const UPDATE = `mutation($input: ActionUpdateInput!) { addActionUpdate(input: $input) { id version progress impact } }`;
const REDACT_FEEDBACK = `mutation($id: ID!, $version: Int!, $words: [String!]!, $reason: String!) {
  redactFeedback(id: $id, version: $version, words: $words, reason: $reason) {
    id version summary forum responses { id version text } } }`;
const REDACT_RESPONSE = `mutation($id: ID!, $version: Int!, $words: [String!]!, $reason: String!) {
  redactFeedbackResponse(id: $id, version: $version, words: $words, reason: $reason) {
    id responses { id version text } } }`;
const REDACT_UPDATE = `mutation($id: ID!, $version: Int!, $words: [String!]!, $reason: String!) {
  redactActionUpdate(id: $id, version: $version, words: $words, reason: $reason) { id version progress impact } }`;
const TRAIL = `query($t: String!, $id: ID!) { auditTrail(entityType: $t, entityId: $id) {
  id operation before after actor { id } } }`;
const DECIDE = `mutation($input: FeedbackDecisionInput!) { decideFeedback(input: $input) { id version } }`;
const IMPORT = `mutation($input: ImportActionsInput!) { importActions(input: $input) { id } }`;
const ACTIONS = `query($filter: ActionFilter) { actions(filter: $filter) { edges { node {
  id ref latestUpdate { id version progress } } } } }`;

/** Every identifying word of the story, each of which must be gone in the end. */
const SECRETS = ['Jolene', 'Fairweather', 'Brackley', 'Moorgate', 'Kestrel', 'Oduya', 'Thistlecombe'];

type Entry = { id: string; operation: string; before: unknown; after: unknown; actor: { id: string } | null };

describe('redaction through the API', () => {
  let t: TestApp;
  let admin: TestUser;
  let facilitator: TestUser;
  let board: TestUser;
  let member: TestUser;
  let chair: TestUser;
  let strategyId: string;
  let actionId: string;
  let feedbackId: string;
  let responseId: string;
  let updateId: string;
  let importedUpdateId: string;

  const dump = () =>
    execFileSync('pg_dump', ['--data-only', '--no-owner', '--no-privileges', t.db.url], {
      encoding: 'utf8',
      maxBuffer: 256 << 20,
    });
  const tracesIn = (text: string) => SECRETS.filter((w) => text.toLowerCase().includes(w.toLowerCase()));
  const redact = (doc: string, vars: Record<string, unknown>, token: string) =>
    t.request<Record<string, unknown>>(doc, vars, { token });
  const trail = async (type: string, id: string) =>
    (await t.ok<{ auditTrail: Entry[] }>(TRAIL, { t: type, id }, { token: admin.token })).auditTrail;
  const auditRows = (): Promise<Array<Record<string, unknown>>> =>
    t.dataSource.query(`SELECT id, partnership_id, actor_id, at, operation, entity_type, entity_id,
      before::text AS before, after::text AS after, request_id FROM audit_entry ORDER BY id`);

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.user({ roles: [Role.ADMIN] });
    facilitator = await t.user({ roles: [Role.FACILITATOR] });
    board = await t.user({ roles: [Role.BOARD] });
    const viewer = (await t.services.identity.authenticate(admin.token))!;
    const strategy = await t.services.strategy.createStrategy(viewer, { title: 'VAWG Strategy' });
    strategyId = strategy.id;
    const objective = await t.services.strategy.createObjective(viewer, {
      strategyId,
      code: 'P1',
      title: 'Prevention',
    });
    const group = await t.services.operationalGroups.createOperationalGroup(viewer, { name: 'Outreach' });
    member = await t.user({ memberships: [{ groupId: group.id, role: MembershipRole.MEMBER }] });
    chair = await t.user({ memberships: [{ groupId: group.id, role: MembershipRole.CHAIR }] });
    actionId = (
      await t.services.actions.createAction(viewer, {
        objectiveId: objective.id,
        groupId: group.id,
        ref: 'OR-1',
        title: 'Refuge outreach',
      })
    ).id;

    const fb = await t.ok<{ recordFeedback: { id: string } }>(
      RECORD,
      {
        input: {
          forum: 'Survivors’ forum',
          receivedOn: '2024-06-15',
          summary: 'Jolene Fairweather from Brackley waited a year for refuge space.',
        },
      },
      { token: facilitator.token },
    );
    feedbackId = fb.recordFeedback.id;
    const responded = await t.ok<{ respondToFeedback: { responses: Array<{ id: string }> } }>(
      RESPOND,
      {
        input: {
          feedbackId,
          response: 'Jolene Fairweather now has a worker at Moorgate Lane; the refuge added four rooms.',
          actionIds: [actionId],
        },
      },
      { token: facilitator.token },
    );
    responseId = responded.respondToFeedback.responses[0].id;
    // A decision whose reason repeats a name: it goes with the feedback's redaction.
    await t.ok(
      DECIDE,
      {
        input: {
          feedbackId,
          version: 1,
          decision: 'NOT_TAKEN_UP',
          reason: 'Oduya asked for a second refuge; the budget cannot stretch to one this year.',
        },
      },
      { token: facilitator.token },
    );
    const update = await t.ok<{ addActionUpdate: { id: string } }>(
      UPDATE,
      {
        input: {
          actionId,
          status: 'IN_PROGRESS',
          rag: 'GREEN',
          progress: 'Visited KESTREL   oduya at the Brackley hub.',
          impact: 'Kestrel Oduya is safe.',
        },
      },
      { token: member.token },
    );
    updateId = update.addActionUpdate.id;

    // An imported plan: its checked rows stay staged in action_import with the initial update's text.
    const form = new FormData();
    const csv =
      'Ref,Objective,Title,Group,Status,Latest progress\n' +
      'OR-2,P1,Drop-in sessions,Outreach,In progress,Session held in Thistlecombe village hall.\n';
    form.append('file', new Blob([csv], { type: 'text/csv' }), 'plan.csv');
    const res = await fetch(`${t.url}/api/strategies/${strategyId}/action-imports`, {
      method: 'POST',
      body: form,
      headers: { authorization: `Bearer ${admin.token}` },
    });
    expect(res.status).toBe(201);
    const { preview } = (await res.json()) as { preview: { id: string } };
    await t.ok(IMPORT, { input: { importId: preview.id } }, { token: admin.token });
    const actions = await t.ok<{
      actions: { edges: Array<{ node: { ref: string; latestUpdate: { id: string } | null } }> };
    }>(ACTIONS, { filter: { strategyId } }, { token: admin.token });
    importedUpdateId = actions.actions.edges.find((e) => e.node.ref === 'OR-2')!.node.latestUpdate!.id;
  });
  afterAll(() => t?.close());

  it('starts with the words in the database (so the scan below can fail)', () => {
    expect(tracesIn(dump())).toEqual(SECRETS);
  });

  it('refuses a missing reason, words not in the text, stale versions and people without the right', async () => {
    const vars = { id: feedbackId, version: 2, words: ['Jolene Fairweather'], reason: 'Names a survivor' };
    const noReason = await redact(REDACT_FEEDBACK, { ...vars, reason: '  ' }, facilitator.token);
    expect(noReason.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reason' });
    const wordy = await redact(
      REDACT_FEEDBACK,
      { ...vars, reason: 'Jolene Fairweather is named' },
      facilitator.token,
    );
    expect(wordy.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reason' });
    const noWords = await redact(REDACT_FEEDBACK, { ...vars, words: [' '] }, facilitator.token);
    expect(noWords.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'words' });
    const absent = await redact(
      REDACT_FEEDBACK,
      { ...vars, words: ['Jolene', 'Nowhere Street'] },
      facilitator.token,
    );
    expect(absent.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'words',
      missing: [1],
    });
    // The error never repeats the words.
    expect(JSON.stringify(absent.errors)).not.toMatch(/Nowhere/);
    const stale = await redact(REDACT_FEEDBACK, { ...vars, version: 7 }, facilitator.token);
    expect(stale.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', currentVersion: 2 });
    const byBoard = await redact(REDACT_FEEDBACK, vars, board.token);
    expect(byBoard.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const unknown = await redact(
      REDACT_FEEDBACK,
      { ...vars, id: '00000000-0000-4000-8000-000000000000' },
      facilitator.token,
    );
    expect(unknown.errors?.[0].extensions?.code).toBe('NOT_FOUND');

    const upd = { id: updateId, version: 1, words: ['Kestrel Oduya'], reason: 'Names a victim' };
    for (const who of [member, facilitator, board]) {
      const refused = await redact(REDACT_UPDATE, upd, who.token);
      expect(refused.errors?.[0].extensions?.code, who.email).toBe('FORBIDDEN');
    }
    const resp = { id: responseId, version: 1, words: ['Moorgate Lane'], reason: 'Names a place' };
    expect((await redact(REDACT_RESPONSE, resp, member.token)).errors?.[0].extensions?.code).toBe(
      'FORBIDDEN',
    );
    // Nothing changed, nothing was audited.
    expect((await trail('Feedback', feedbackId)).map((e) => e.operation)).toEqual([
      'recordFeedback',
      'decideFeedback',
    ]);
    expect(tracesIn(dump())).toEqual(SECRETS);
  });

  it('takes the words out everywhere, audits who and why without them, and leaves every other entry alone', async () => {
    const before = await auditRows();
    const redactedIds = new Set(
      (
        (await t.dataSource.query(
          `SELECT id FROM audit_entry WHERE (entity_type, entity_id) IN
             (('Feedback', $1), ('FeedbackResponse', $2), ('ActionUpdate', $3), ('ActionUpdate', $4))`,
          [feedbackId, responseId, updateId, importedUpdateId],
        )) as Array<{ id: string }>
      ).map((r) => String(r.id)),
    );
    expect(redactedIds.size).toBe(5);

    const fb = await t.ok<{
      redactFeedback: {
        version: number;
        summary: string;
        responses: Array<{ version: number; text: string }>;
      };
    }>(
      REDACT_FEEDBACK,
      {
        id: feedbackId,
        version: 2,
        words: ['jolene fairweather', 'Brackley', 'Oduya'],
        reason: 'Names a survivor and her town',
      },
      { token: facilitator.token },
    );
    expect(fb.redactFeedback).toMatchObject({
      version: 3,
      summary: '[redacted] from [redacted] waited a year for refuge space.',
      responses: [
        { version: 2, text: '[redacted] now has a worker at Moorgate Lane; the refuge added four rooms.' },
      ],
    });
    // The response's own words: the version it was redacted at is 2 now; 1 is stale.
    const stale = await redact(
      REDACT_RESPONSE,
      { id: responseId, version: 1, words: ['Moorgate Lane'], reason: 'Names a place' },
      admin.token,
    );
    expect(stale.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', currentVersion: 2 });
    const resp = await t.ok<{
      redactFeedbackResponse: { responses: Array<{ version: number; text: string }> };
    }>(
      REDACT_RESPONSE,
      { id: responseId, version: 2, words: ['Moorgate Lane'], reason: 'Names a place' },
      { token: admin.token },
    );
    expect(resp.redactFeedbackResponse.responses[0]).toMatchObject({
      version: 3,
      text: '[redacted] now has a worker at [redacted]; the refuge added four rooms.',
    });
    // The group's chair may redact its action's update (any case, any spacing inside a phrase).
    const upd = await t.ok<{ redactActionUpdate: { version: number; progress: string; impact: string } }>(
      REDACT_UPDATE,
      { id: updateId, version: 1, words: ['Kestrel Oduya', 'Brackley'], reason: 'Names a victim' },
      { token: chair.token },
    );
    expect(upd.redactActionUpdate).toMatchObject({
      version: 2,
      progress: 'Visited [redacted] at the [redacted] hub.',
      impact: '[redacted] is safe.',
    });
    await t.ok(
      REDACT_UPDATE,
      { id: importedUpdateId, version: 1, words: ['Thistlecombe'], reason: 'Identifies a small village' },
      { token: admin.token },
    );

    // No trace in any table: the whole database, audit trail, staged import and messages included.
    const all = dump();
    expect(tracesIn(all)).toEqual([]);
    expect(all).toContain('[redacted]');

    // The audit trail: the earlier snapshot redacted, then who redacted and why, never the words.
    const fbTrail = await trail('Feedback', feedbackId);
    expect(fbTrail.map((e) => e.operation)).toEqual(['recordFeedback', 'decideFeedback', 'redactFeedback']);
    expect(fbTrail[1].after).toMatchObject({
      reason: '[redacted] asked for a second refuge; the budget cannot stretch to one this year.',
    });
    expect(fbTrail[0].after).toMatchObject({
      summary: '[redacted] from [redacted] waited a year for refuge space.',
    });
    expect(fbTrail[2]).toMatchObject({
      actor: { id: facilitator.id },
      before: null,
      after: {
        redaction: {
          reason: 'Names a survivor and her town',
          marker: '[redacted]',
          wordCount: 3,
          snapshotsRedacted: 2,
        },
        version: 3,
        fields: ['summary'],
      },
    });
    const respTrail = await trail('FeedbackResponse', responseId);
    expect(respTrail.map((e) => [e.operation, e.actor?.id])).toEqual([
      ['respondToFeedback', facilitator.id],
      ['redactFeedback', facilitator.id],
      ['redactFeedbackResponse', admin.id],
    ]);
    const updTrail = await trail('ActionUpdate', updateId);
    expect(updTrail.map((e) => [e.operation, e.actor?.id])).toEqual([
      ['addActionUpdate', member.id],
      ['redactActionUpdate', chair.id],
    ]);
    expect(updTrail[0].after).toMatchObject({ progress: 'Visited [redacted] at the [redacted] hub.' });
    expect(updTrail[1].after).toMatchObject({
      redaction: { reason: 'Names a victim' },
      fields: ['progress', 'impact'],
    });

    // Append-only for everything else: every other entry exactly as it was, no entry gone.
    const after = await auditRows();
    const others = (rows: Array<Record<string, unknown>>) =>
      rows.filter((r) => !redactedIds.has(String(r.id)));
    expect(others(after).slice(0, others(before).length)).toEqual(others(before));
    expect(after.filter((r) => redactedIds.has(String(r.id))).map((r) => r.at)).toEqual(
      before.filter((r) => redactedIds.has(String(r.id))).map((r) => r.at),
    );
    expect(
      others(after)
        .slice(others(before).length)
        .map((r) => r.operation),
    ).toEqual([
      'redactFeedback',
      'redactFeedback',
      'redactFeedbackResponse',
      'redactActionUpdate',
      'redactActionUpdate',
    ]);
  });

  it('leaves no trace in the exports read back', async () => {
    const get = (path: string) =>
      fetch(`${t.url}${path}`, { headers: { authorization: `Bearer ${admin.token}` } });
    const asOf = todayIso();
    const pdf = await get(`/reports/board-pack?strategy=${strategyId}&asOf=${asOf}&format=pdf`);
    expect(pdf.status).toBe(200);
    const pdfWords = pdfText(savePdf(Buffer.from(await pdf.arrayBuffer()))).replace(/\s+/g, ' ');
    expect(pdfWords).toContain('[redacted] from [redacted] waited a year');
    expect(tracesIn(pdfWords)).toEqual([]);
    const docx = await get(`/reports/board-pack?strategy=${strategyId}&asOf=${asOf}&format=docx`);
    expect(docx.status).toBe(200);
    const docxBytes = Buffer.from(await docx.arrayBuffer());
    const docWords = docxText(await docxXml(docxBytes));
    expect(docWords).toContain('Visited [redacted] at the [redacted] hub.');
    expect(tracesIn(await everyEntry(docxBytes))).toEqual([]);
    const plan = await get(`/api/strategies/${strategyId}/action-plan.xlsx`);
    expect(plan.status).toBe(200);
    const planText = await everyEntry(Buffer.from(await plan.arrayBuffer()));
    expect(planText).toContain('Visited [redacted] at the [redacted] hub.');
    expect(tracesIn(planText)).toEqual([]);
  });

  it('cannot be used to change an audit entry any other way', async () => {
    // The trigger still refuses the owner itself, and a marker for one record opens no other.
    await expect(t.dataSource.query(`UPDATE audit_entry SET after = NULL`)).rejects.toThrow(/append-only/);
    await expect(
      t.dataSource.transaction(async (tx) => {
        await tx.query(`SELECT set_config('throughline.redacting', $1, true)`, [
          `${t.partnershipId}/Feedback/${feedbackId}`,
        ]);
        await tx.query(`UPDATE audit_entry SET operation = 'forged' WHERE entity_id = $1`, [feedbackId]);
      }),
    ).rejects.toThrow(/append-only/);
    await expect(
      t.dataSource.query(
        `SELECT redact_audit_snapshots($1, NULL, 'redactAction', 'Action', $2, ARRAY['Refuge'], 'x', NULL, NULL)`,
        [t.partnershipId, actionId],
      ),
    ).rejects.toThrow(/only feedback, responses and action updates/);
    await expect(t.dataSource.query(`DELETE FROM audit_entry`)).rejects.toThrow(/append-only/);
  });
});

/** Every file of a zip (a .docx or .xlsx) as one text. */
async function everyEntry(bytes: Buffer): Promise<string> {
  const zip = await JSZip.loadAsync(bytes);
  const parts = await Promise.all(Object.values(zip.files).map((f) => f.async('string')));
  return parts.join('\n');
}
