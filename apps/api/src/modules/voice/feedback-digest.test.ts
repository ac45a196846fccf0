/**
 * "You said, we did" digests through the public API (docs/decisions/0019-survivor-voice-loop.md): a
 * draft is invisible to every other reader (lists, reads by id, downloads) until its facilitator
 * releases it; a released digest downloads, for facilitators and strategic leads only, as a tagged PDF
 * and a Word document that are read back here.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DecideFeedbackDocument,
  FeedbackDigestDocument,
  FeedbackDigestsDocument,
  PrepareFeedbackDigestDocument,
  RecordFeedbackDocument,
  ReleaseFeedbackDigestDocument,
  RespondToFeedbackDocument,
} from '@throughline/sdk';
import { Role, startTestApp, type TestApp, type TestUser } from '../../../test/support/test-app';

const SAID = 'The helpline kept me on hold for forty minutes at night';
const OUTSIDE = 'Said long before this period and not in the digest';
const REASON = 'The helpline is commissioned nationally; we have passed this on to the national provider.';

describe('feedback digests', () => {
  let t: TestApp;
  let admin: TestUser;
  let facilitator: TestUser;
  let board: TestUser;
  let member: TestUser;
  let actionIds: string[];
  let digestId: string;
  let strategyId: string;
  const dir = mkdtempSync(join(tmpdir(), 'digest-'));

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.user({ roles: [Role.ADMIN] });
    facilitator = await t.user({ roles: [Role.FACILITATOR] });
    board = await t.user({ roles: [Role.BOARD] });
    member = await t.user({ roles: [Role.DHR_PANEL] });
    const viewer = (await t.services.identity.authenticate(admin.token))!;
    const strategy = await t.services.strategy.createStrategy(viewer, { title: 'Digest plan' });
    strategyId = strategy.id;
    const objective = await t.services.strategy.createObjective(viewer, {
      strategyId: strategy.id,
      code: 'D1',
      title: 'Support',
    });
    const group = await t.services.operationalGroups.createOperationalGroup(viewer, {
      name: 'Helpline group',
    });
    actionIds = [];
    for (const ref of ['HL-1', 'HL-2']) {
      actionIds.push(
        (
          await t.services.actions.createAction(viewer, {
            objectiveId: objective.id,
            groupId: group.id,
            ref,
            title: `Helpline action ${ref}`,
          })
        ).id,
      );
    }
    const fb = await t.ok(
      RecordFeedbackDocument,
      { input: { forum: 'Night forum', receivedOn: '2026-03-05', summary: SAID } },
      { token: facilitator.token },
    );
    await t.ok(
      RecordFeedbackDocument,
      { input: { forum: 'Night forum', receivedOn: '2025-06-01', summary: OUTSIDE } },
      { token: facilitator.token },
    );
    await t.ok(
      DecideFeedbackDocument,
      {
        input: {
          feedbackId: fb.recordFeedback.id,
          version: fb.recordFeedback.version,
          decision: 'PARTLY_TAKEN_UP',
          reason: REASON,
          decidedOn: '2026-03-20',
        },
      },
      { token: facilitator.token },
    );
    await t.ok(
      RespondToFeedbackDocument,
      {
        input: {
          feedbackId: fb.recordFeedback.id,
          response: 'Local refuges now answer the night line from 10pm.',
          actionIds,
          respondedOn: '2026-03-21',
        },
      },
      { token: facilitator.token },
    );
  });
  afterAll(() => t?.close());

  const download = (id: string, format: string, token: string) =>
    fetch(`${t.url}/reports/feedback-digest/${id}?format=${format}`, {
      headers: { authorization: `Bearer ${token}` },
    });

  it('a draft is invisible to everyone but its preview by facilitators and admins', async () => {
    const prepared = await t.ok(
      PrepareFeedbackDigestDocument,
      { input: { forum: 'Night forum', periodFrom: '2026-01-01', periodTo: '2026-03-31' } },
      { token: facilitator.token },
    );
    expect(prepared.prepareFeedbackDigest).toMatchObject({ status: 'DRAFT', downloadPath: null });
    digestId = prepared.prepareFeedbackDigest.id;
    const refused = await t.request(
      PrepareFeedbackDigestDocument,
      { input: { forum: 'Night forum', periodFrom: '2026-01-01', periodTo: '2026-03-31' } },
      { token: board.token },
    );
    expect(refused.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const backwards = await t.request(
      PrepareFeedbackDigestDocument,
      { input: { forum: 'Night forum', periodFrom: '2026-03-31', periodTo: '2026-01-01' } },
      { token: facilitator.token },
    );
    expect(backwards.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'periodTo' });

    for (const u of [board, member]) {
      const lists = await t.ok(FeedbackDigestsDocument, {}, { token: u.token });
      expect(lists.feedbackDigests).toEqual([]);
      expect(lists.feedbackDigestDrafts).toEqual([]);
      const read = await t.request(FeedbackDigestDocument, { id: digestId }, { token: u.token });
      expect(read.errors?.[0].extensions?.code).toBe('NOT_FOUND');
      expect(read.data?.feedbackDigest ?? null).toBeNull();
    }
    for (const u of [facilitator, admin, board]) {
      expect((await download(digestId, 'pdf', u.token)).status).toBe(404);
    }
    expect((await download(digestId, 'pdf', '')).status).toBe(401);

    // The facilitator previews it: the forum's feedback in the period, decided and answered.
    const mine = await t.ok(FeedbackDigestsDocument, {}, { token: facilitator.token });
    expect(mine.feedbackDigests).toEqual([]);
    expect(mine.feedbackDigestDrafts.map((d) => d.id)).toEqual([digestId]);
    const preview = await t.ok(FeedbackDigestDocument, { id: digestId }, { token: facilitator.token });
    expect(preview.feedbackDigest.feedback.map((f) => f.summary)).toEqual([SAID]);
    expect(preview.feedbackDigest.feedback[0].decision).toMatchObject({
      decision: 'PARTLY_TAKEN_UP',
      reason: REASON,
    });
    expect(preview.feedbackDigest.feedback[0].responses[0].actions.map((a) => a.ref)).toEqual([
      'HL-1',
      'HL-2',
    ]);
  });

  it('the facilitator releases it (stale version: CONFLICT); then it is listed and downloads for facilitators and leads only', async () => {
    const stale = await t.request(
      ReleaseFeedbackDigestDocument,
      { id: digestId, version: 0 },
      { token: facilitator.token },
    );
    expect(stale.errors?.[0].extensions?.code).toBe('CONFLICT');
    const byBoard = await t.request(
      ReleaseFeedbackDigestDocument,
      { id: digestId, version: 1 },
      { token: board.token },
    );
    expect(byBoard.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const released = await t.ok(
      ReleaseFeedbackDigestDocument,
      { id: digestId, version: 1 },
      { token: facilitator.token },
    );
    expect(released.releaseFeedbackDigest).toMatchObject({
      status: 'RELEASED',
      version: 2,
      downloadPath: `/reports/feedback-digest/${digestId}?format=pdf`,
    });
    const again = await t.request(
      ReleaseFeedbackDigestDocument,
      { id: digestId, version: 2 },
      { token: facilitator.token },
    );
    expect(again.errors?.[0].extensions?.code).toBe('CONFLICT');

    const seen = await t.ok(FeedbackDigestsDocument, { forum: 'night forum' }, { token: board.token });
    expect(seen.feedbackDigests.map((d) => d.id)).toEqual([digestId]);
    expect(
      (await t.ok(FeedbackDigestDocument, { id: digestId }, { token: board.token })).feedbackDigest.status,
    ).toBe('RELEASED');
    // An export of survivor feedback: facilitators and strategic leads only.
    for (const u of [board, member]) expect((await download(digestId, 'pdf', u.token)).status).toBe(403);
    expect((await download(digestId, 'xls', facilitator.token)).status).toBe(400);

    const pdfRes = await download(digestId, 'pdf', facilitator.token);
    expect(pdfRes.status).toBe(200);
    expect(pdfRes.headers.get('content-disposition')).toMatch(
      /you-said-we-did-night-forum-2026-01-01-2026-03-31\.pdf/,
    );
    const pdf = join(dir, 'digest.pdf');
    writeFileSync(pdf, Buffer.from(await pdfRes.arrayBuffer()));
    const info = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
    expect(info).toMatch(/Tagged:\s+yes/);
    expect(info).toMatch(/Title:\s+You said, we did: Night forum/);
    const structure = execFileSync('pdfinfo', ['-struct', pdf], { encoding: 'utf8' });
    for (const tag of ['H1', 'H2', 'H3', 'Table', 'TH']) expect(structure).toContain(tag);
    const text = execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    expect(text).toContain(SAID);
    expect(text).toContain('Partly taken up');
    expect(text).toContain(REASON);
    expect(text).toContain('HL-1: Helpline action HL-1');
    // Each action links to its progress (the link may wrap in the table cell).
    expect(text.replace(/\s/g, '')).toContain(`/actions/${actionIds[1]}`);
    expect(text).not.toContain(OUTSIDE);

    const docxRes = await download(digestId, 'docx', admin.token);
    expect(docxRes.status).toBe(200);
    const zip = await JSZip.loadAsync(Buffer.from(await docxRes.arrayBuffer()));
    const xml = await zip.file('word/document.xml')!.async('string');
    expect(xml).toContain('<w:pStyle w:val="Heading1"/>');
    expect(xml).toContain('<w:pStyle w:val="Heading2"/>');
    expect(xml).toContain('<w:tblHeader/>');
    const words = xml.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
    expect(words).toContain(SAID);
    expect(words).toContain('What you said and what we did');
    expect(words).not.toContain(OUTSIDE);
    const audit = await t.dataSource.query(
      `SELECT actor_id FROM audit_entry WHERE operation = 'downloadFeedbackDigest' ORDER BY id`,
    );
    expect(audit).toEqual([{ actor_id: facilitator.id }, { actor_id: admin.id }]);
  });

  it("the board pack carries survivors' words only for facilitators and strategic leads", async () => {
    const packText = async (token: string) => {
      const res = await fetch(
        `${t.url}/reports/board-pack?strategy=${strategyId}&format=pdf&asOf=2026-04-30`,
        {
          headers: { authorization: `Bearer ${token}` },
        },
      );
      expect(res.status).toBe(200);
      const file = join(dir, `pack-${Math.random().toString(36).slice(2)}.pdf`);
      writeFileSync(file, Buffer.from(await res.arrayBuffer()));
      return execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    };
    for (const u of [admin, facilitator]) expect(await packText(u.token)).toContain(SAID);
    const boards = await packText(board.token);
    expect(boards).not.toContain(SAID);
    expect(boards).toContain("Survivors' words go only to facilitators and strategic leads");
    expect(boards).toContain('2 received, 1 with a response');
  });
});
