import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp, type TestUser } from '../../../test/support/test-app';
import { Role } from '../identity/user.entity';
import { makeZip } from './test-support/zip';
import { unpackZip } from './zip-guard';

// Hostile workbooks sent to the upload route as an attacker with an ADMIN session would (issue: a
// 17 kB file took the whole server down).

const STRATEGY = `mutation($input: StrategyInput!) { createStrategy(input: $input) { id } }`;

async function workbook(build: (ws: ExcelJS.Worksheet) => void): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  build(wb.addWorksheet('Plan'));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The same workbook with its worksheet's XML replaced. */
async function withSheetXml(xml: string): Promise<Buffer> {
  const base = await workbook((ws) => ws.addRow(['Ref']));
  const entries = unpackZip(base, { maxEntries: 50, maxUnpackedBytes: 10_000_000 });
  return makeZip(
    [...entries].map(([name, data]) => ({
      name,
      data: name === 'xl/worksheets/sheet1.xml' ? Buffer.from(xml) : data,
    })),
  );
}

const sheetXml = (rows: string) =>
  `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${rows}</sheetData></worksheet>`;

describe('hostile spreadsheets (POST /api/strategies/:id/action-imports)', () => {
  let t: TestApp;
  let admin: TestUser;
  let strategy: string;

  const upload = async (bytes: Buffer) => {
    const form = new FormData();
    form.append('file', new Blob([bytes]), 'plan.xlsx');
    const res = await fetch(`${t.url}/api/strategies/${strategy}/action-imports`, {
      method: 'POST',
      body: form,
      headers: { authorization: `Bearer ${admin.token}` },
    });
    const body = (await res.json()) as {
      preview?: { rowCount: number; ignoredHeadings: string[] };
      errors?: Array<{ message: string; extensions: Record<string, unknown> }>;
    };
    return { status: res.status, ...body };
  };

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.user({ roles: [Role.ADMIN] });
    strategy = (
      await t.ok<{ createStrategy: { id: string } }>(
        STRATEGY,
        { input: { title: 'VAWG strategy' } },
        { token: admin.token },
      )
    ).createStrategy.id;
  });
  afterAll(async () => {
    await t?.close();
  });

  it('reads only the cells that exist: 2,000 rows with a cell in A and one in XFD (17 kB) are answered', async () => {
    const bytes = await workbook((ws) => {
      ws.getCell('A1').value = 'Ref';
      ws.getCell('B1').value = 'Title';
      for (let r = 2; r <= 2001; r++) {
        ws.getCell(`A${r}`).value = `A${r}`;
        ws.getCell(`XFD${r}`).value = 'x';
      }
    });
    expect(bytes.length).toBeLessThan(40_000);
    const res = await upload(bytes);
    // Whatever it makes of the rows, the server answers (it used to run out of heap and exit).
    expect(res.status).toBeLessThan(500);
    expect((await fetch(`${t.url}/healthz`)).ok).toBe(true);
  }, 60_000);

  it('counts cells with an XML tokenizer: `<c` followed by a newline is a cell too', async () => {
    const cells = Array.from({ length: 200_001 }, (_, i) => `<c\nr="A${i + 1}"/>`).join('');
    const res = await upload(await withSheetXml(sheetXml(`<row r="1">${cells}</row>`)));
    expect(res.status).toBe(422);
    expect(res.errors?.[0].message).toMatch(/more than 200,000 cells/);
  }, 60_000);

  it('refuses a worksheet that is not well-formed XML', async () => {
    const res = await upload(
      await withSheetXml(sheetXml('<row r="1"><c r="A1" t="inlineStr"><is><t>x</t></is></row>')),
    );
    expect(res.status).toBe(422);
  });

  it('keeps serving other requests while a large workbook is parsed', async () => {
    // Just under the cell limit: seconds of parsing, which used to block the event loop throughout.
    const rows = Array.from({ length: 4_900 }, (_, r) => {
      const cells = Array.from(
        { length: 40 },
        (_, c) =>
          `<c r="${String.fromCharCode(65 + (c % 26))}${c >= 26 ? 'A' : ''}${r + 1}" t="inlineStr"><is><t>r${r}c${c}</t></is></c>`,
      ).join('');
      return `<row r="${r + 1}">${cells}</row>`;
    }).join('');
    const bytes = await withSheetXml(sheetXml(rows));
    let uploadDone = false;
    const uploading = upload(bytes).then((r) => {
      uploadDone = true;
      return r;
    });
    await new Promise((r) => setTimeout(r, 300));
    // Asked while the workbook is being read: answered before the upload is.
    const health = await fetch(`${t.url}/healthz`);
    expect(health.ok).toBe(true);
    expect(uploadDone).toBe(false);
    expect((await uploading).status).toBeLessThan(500);
  }, 90_000);
});
