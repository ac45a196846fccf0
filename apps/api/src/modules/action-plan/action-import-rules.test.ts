import { outsiderAdmin } from '../../../test/support/outsider';
import { beforeAll, afterAll, expect, it } from 'vitest';
import { makeZip } from './test-support/zip';
import {
  ACTION,
  type ActionNode,
  actionsOf,
  admin,
  board,
  chair,
  count,
  housing,
  IMPORT,
  justice,
  OBJECTIVE,
  objectiveId,
  otherStrategy,
  OUTPUT,
  PREVIEW,
  setUp,
  strategy,
  STRATEGY,
  t,
  tearDown,
  upload,
} from './test-support/import-testbed';

describe('action plan import (POST /api/strategies/:id/action-imports, then importActions)', () => {
  beforeAll(setUp);
  afterAll(tearDown);

  it('imports CSV (UTF-8, quoted line breaks), with a group chosen for the whole file', async () => {
    const csv =
      '\uFEFFRef,Objective code,Title,Agreed on,Reported on,Status,RAG,Latest progress,Tags\r\n' +
      'C1,O2,"Survivors shape services, through forums",2024-04-01,2025-03-31,Complete,,"Forum met\nquarterly",theme:survivor-voice; ecological-level:community\r\n';
    const res = await upload(
      otherStrategy,
      { bytes: csv, name: 'plan.csv', type: 'text/csv' },
      { defaultGroupId: justice },
    );
    expect(res.status, JSON.stringify(res)).toBe(201);
    expect(res.preview!.notes).toEqual([
      {
        message: 'Rows that name no group go to Justice & Protection, the group chosen for the file.',
        rows: [2],
      },
    ]);
    await t.ok(IMPORT, { input: { importId: res.preview!.id } }, { token: admin.token });
    const c1 = (await actionsOf(otherStrategy)).find((a) => a.ref === 'C1')!;
    expect(c1).toMatchObject({
      title: 'Survivors shape services, through forums',
      agreedOn: '2024-04-01',
      status: 'COMPLETE',
      rag: null,
      group: { name: 'Justice & Protection' },
      tags: [
        { kind: 'ecological-level', slug: 'community' },
        { kind: 'theme', slug: 'survivor-voice' },
      ],
    });
    expect(c1.updates[0]).toMatchObject({ progress: 'Forum met\nquarterly', reportedOn: '2025-03-31' });
  });

  it('is all or nothing: a row that no longer fits at confirmation rolls every row back, naming it', async () => {
    const csv = 'Ref,Objective,Title,Group,RAG\nR1,O1,First,Housing,Green\nR2,O1,Second,Housing,Red\n';
    const res = await upload(otherStrategy, { bytes: csv, name: 'plan.csv' });
    expect(res.status).toBe(201);
    // Someone adds an action with ref R2 between the preview and the confirmation.
    await t.ok(
      ACTION,
      {
        input: {
          objectiveId: await objectiveId(otherStrategy, 'O1'),
          groupId: housing,
          ref: 'R2',
          title: 'In the meantime',
        },
      },
      { token: admin.token },
    );
    const auditBefore = await count('audit_entry');
    const failed = await t.request(IMPORT, { input: { importId: res.preview!.id } }, { token: admin.token });
    expect(failed.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'importId',
      row: 3,
      rowField: 'ref',
    });
    expect(failed.errors?.[0].message).toMatch(/^Row 3: .*ref "R2"/);
    const refs = (await actionsOf(otherStrategy)).map((a) => a.ref);
    expect(refs).not.toContain('R1');
    expect(await count('audit_entry')).toBe(auditBefore);
    expect(await count('action_update u JOIN action a ON a.id = u.action_id WHERE a.ref = $1', ['R1'])).toBe(
      0,
    );
    expect(await count('action_import WHERE id = $1 AND confirmed_at IS NULL', [res.preview!.id])).toBe(1);
  });

  it('refuses a preview older than a day', async () => {
    const res = await upload(otherStrategy, {
      bytes: 'Ref,Objective,Title,Group\nOLD1,O1,Old,Housing\n',
      name: 'p.csv',
    });
    await t.dataSource.query(
      `UPDATE action_import SET created_at = now() - interval '25 hours' WHERE id = $1`,
      [res.preview!.id],
    );
    const late = await t.request(IMPORT, { input: { importId: res.preview!.id } }, { token: admin.token });
    expect(late.errors?.[0].extensions?.code).toBe('CONFLICT');
    expect(late.errors?.[0].message).toMatch(/expired/);
  });

  it('round-trips: an exported plan imports into another strategy unchanged', async () => {
    const exported = await fetch(`${t.url}/api/strategies/${strategy}/action-plan.xlsx`, {
      headers: { authorization: `Bearer ${board.token}` },
    });
    const target = (
      await t.ok<{ createStrategy: { id: string } }>(
        STRATEGY,
        { input: { title: 'Next year' } },
        { token: admin.token },
      )
    ).createStrategy.id;
    const o1 = (
      await t.ok<{ createObjective: { id: string } }>(
        OBJECTIVE,
        { input: { strategyId: target, code: 'O1', title: 'Access' } },
        { token: admin.token },
      )
    ).createObjective.id;
    await t.ok(
      OBJECTIVE,
      { input: { strategyId: target, code: 'O2', title: 'Response' } },
      { token: admin.token },
    );
    await t.ok(OUTPUT, { input: { objectiveId: o1, title: 'Outreach' } }, { token: admin.token });
    const res = await upload(target, {
      bytes: Buffer.from(await exported.arrayBuffer()),
      name: 'export.xlsx',
    });
    expect(res.status, JSON.stringify(res.preview?.problems)).toBe(201);
    expect(res.preview!.ignoredHeadings).toEqual([]);
    await t.ok(IMPORT, { input: { importId: res.preview!.id } }, { token: admin.token });
    const strip = (a: ActionNode) => ({ ...a, updates: a.updates.map((u) => ({ ...u, author: null })) });
    expect((await actionsOf(target)).map(strip)).toEqual((await actionsOf(strategy)).map(strip));
  });

  it('is for administrators only, and refuses what it cannot read safely', async () => {
    const csv = 'Ref,Objective,Title,Group\nZ1,O1,T,Housing\n';
    const err = (r: Awaited<ReturnType<typeof upload>>) => [
      r.status,
      r.errors?.[0].extensions.code,
      r.errors?.[0].extensions.reason,
    ];

    expect(err(await upload(otherStrategy, { bytes: csv, name: 'p.csv' }, { token: null }))).toEqual([
      401,
      'UNAUTHENTICATED',
      undefined,
    ]);
    expect(err(await upload(otherStrategy, { bytes: csv, name: 'p.csv' }, { token: board.token }))).toEqual([
      403,
      'FORBIDDEN',
      undefined,
    ]);
    expect(err(await upload(otherStrategy, { bytes: csv, name: 'p.csv' }, { token: chair.token }))).toEqual([
      403,
      'FORBIDDEN',
      undefined,
    ]);
    expect(err(await upload('00000000-0000-4000-8000-000000000000', { bytes: csv, name: 'p.csv' }))).toEqual([
      404,
      'NOT_FOUND',
      undefined,
    ]);
    expect(
      err(
        await upload(
          otherStrategy,
          { bytes: csv, name: 'p.csv' },
          { defaultGroupId: '00000000-0000-4000-8000-000000000000' },
        ),
      ),
    ).toEqual([400, 'BAD_USER_INPUT', undefined]);

    // Size, type and content.
    expect(
      err(await upload(otherStrategy, { bytes: Buffer.alloc(2 * 1024 * 1024 + 1, 0x41), name: 'big.csv' })),
    ).toEqual([413, 'BAD_USER_INPUT', 'too-large']);
    expect(err(await upload(otherStrategy, { bytes: '%PDF-1.7', name: 'plan.pdf' }))).toEqual([
      415,
      'BAD_USER_INPUT',
      'unsupported-type',
    ]);
    expect(
      err(
        await upload(otherStrategy, { bytes: Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 1, 2]), name: 'plan.xls' }),
      ),
    ).toEqual([415, 'BAD_USER_INPUT', 'unsupported-type']);
    const bomb = makeZip([
      { name: 'xl/workbook.xml', data: Buffer.from('<workbook/>') },
      { name: 'xl/worksheets/sheet1.xml', data: Buffer.alloc(64 * 1024 * 1024, 0x20) },
    ]);
    expect(bomb.length).toBeLessThan(200 * 1024);
    expect(err(await upload(otherStrategy, { bytes: bomb, name: 'bomb.xlsx' }))).toEqual([
      413,
      'BAD_USER_INPUT',
      'too-large',
    ]);
    const tooMany =
      'Ref,Objective,Title,Group\n' + Array.from({ length: 5001 }, (_, i) => `M${i},O1,T,Housing`).join('\n');
    const many = await upload(otherStrategy, { bytes: tooMany, name: 'many.csv' });
    expect(err(many)).toEqual([422, 'BAD_USER_INPUT', 'too-many-rows']);
    expect(many.errors?.[0].message).toBe('The file has 5,001 actions; import at most 5,000 at a time.');
    expect(err(await upload(otherStrategy, { bytes: '', name: 'empty.csv' }))).toEqual([
      400,
      'BAD_USER_INPUT',
      'missing',
    ]);

    // Not multipart, or no file in it.
    const json = await fetch(`${t.url}/api/strategies/${otherStrategy}/action-imports`, {
      method: 'POST',
      headers: { authorization: `Bearer ${admin.token}`, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(json.status).toBe(415);
    const noFile = new FormData();
    noFile.append('defaultGroupId', housing);
    const missing = await fetch(`${t.url}/api/strategies/${otherStrategy}/action-imports`, {
      method: 'POST',
      headers: { authorization: `Bearer ${admin.token}` },
      body: noFile,
    });
    expect(missing.status).toBe(400);
  });

  it('takes the session cookie only with a header other sites cannot send (CSRF)', async () => {
    const csv = 'Ref,Objective,Title,Group\nK1,O1,T,Housing\n';
    const cookie = { cookie: `throughline_session=${admin.token}` };
    const bare = await upload(otherStrategy, { bytes: csv, name: 'p.csv' }, { token: null, headers: cookie });
    expect([bare.status, bare.errors?.[0].extensions.code]).toEqual([403, 'FORBIDDEN']);
    const crossSite = await upload(
      otherStrategy,
      { bytes: csv, name: 'p.csv' },
      { token: null, headers: { ...cookie, 'x-requested-with': 'fetch', 'sec-fetch-site': 'cross-site' } },
    );
    expect(crossSite.status).toBe(403);
    const ours = await upload(
      otherStrategy,
      { bytes: csv, name: 'p.csv' },
      { token: null, headers: { ...cookie, 'x-requested-with': 'fetch', 'sec-fetch-site': 'same-origin' } },
    );
    expect(ours.status).toBe(201);
  });

  it("hides previews from other partnerships' admins and from everyone but admins", async () => {
    const res = await upload(otherStrategy, {
      bytes: 'Ref,Objective,Title,Group\nH1,O1,T,Housing\n',
      name: 'p.csv',
    });
    const outsider = await outsiderAdmin(t, 'import-outsider@example.org');
    expect(
      (await t.ok<{ actionImport: unknown }>(PREVIEW, { id: res.preview!.id }, { token: outsider.token }))
        .actionImport,
    ).toBeNull();
    const foreign = await t.request(
      IMPORT,
      { input: { importId: res.preview!.id } },
      { token: outsider.token },
    );
    expect(foreign.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    const byBoard = await t.request(PREVIEW, { id: res.preview!.id }, { token: board.token });
    expect(byBoard.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    // Also the upload into another partnership's strategy.
    const cross = await upload(otherStrategy, { bytes: 'Ref\n', name: 'p.csv' }, { token: outsider.token });
    expect(cross.status).toBe(404);
  });
});
