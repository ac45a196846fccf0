import { outsiderAdmin } from '../../../test/support/outsider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeZip } from './test-support/zip';
import {
  admin,
  board,
  chair,
  housing,
  IMPORT,
  otherStrategy,
  PREVIEW,
  setUp,
  t,
  tearDown,
  upload,
} from './test-support/import-testbed';

describe('action plan import (POST /api/strategies/:id/action-imports, then importActions)', () => {
  beforeAll(setUp);
  afterAll(tearDown);

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
