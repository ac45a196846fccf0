import { daysFromToday } from '../../../test/support/dates';
import { viewerOf } from '../../../test/support/viewer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeRound, openRound, roundPlan } from '../../../test/support/closed-round';
import { startTestApp, type TestApp, type TestUser } from '../../../test/support/test-app';
import { Role } from '../identity/user.entity';
import { docxText, docxXml, pdfText, savePdf } from './test-support/read-back';

/**
 * A closed round's board pack (`?round=<id>`) shows the round's record: the figures frozen at closing,
 * with the restatements recorded since listed beside them, never the live figures as of the same date
 * (docs/rollup-rules.md, "Closed periods and restatements"; docs/decisions/0011-board-pack.md).
 */

const UPDATE = `mutation U($input: ActionUpdateInput!) { addActionUpdate(input: $input) { id } }`;
const MEASURE = `mutation M($input: MeasurementInput!) { recordMeasurement(input: $input) { id value } }`;
const SUBMIT = `mutation S($id: ID!, $version: Int!) { submitGroupReturn(id: $id, version: $version) { id version } }`;
const APPROVE = `mutation A($id: ID!, $version: Int!) { approveGroupReturn(id: $id, version: $version) { id status } }`;

describe("a closed round's board pack", () => {
  let t: TestApp;
  let admin: TestUser;
  let chair: TestUser;
  let strategyId: string;
  let indicatorId: string;
  let actionId: string;
  let roundId: string;
  const returnsDueOn = daysFromToday(-20);
  const inPeriod = daysFromToday(-25);
  const measured = daysFromToday(-60);

  const pack = async (query: string, format: 'pdf' | 'docx') => {
    const res = await fetch(`${t.url}/reports/board-pack?${query}&format=${format}`, {
      headers: { authorization: `Bearer ${admin.token}` },
    });
    expect(res.status).toBe(200);
    const bytes = Buffer.from(await res.arrayBuffer());
    return format === 'pdf' ? pdfText(savePdf(bytes)) : docxText(await docxXml(bytes));
  };

  beforeAll(async () => {
    t = await startTestApp({ mutationsPerMinute: 0 });
    admin = await t.user({ roles: [Role.ADMIN], name: 'Lena Lead' });
    chair = await t.user({ name: 'Cara Chair' });
    const plan = await roundPlan(t, viewerOf(t, admin, 'Lena Lead'), {
      chairId: chair.id,
      actionTitle: 'Train housing officers',
      indicator: true,
    });
    ({ strategyId, actionId } = plan);
    indicatorId = plan.indicatorId!;
    await t.ok(
      UPDATE,
      {
        input: {
          actionId,
          status: 'IN_PROGRESS',
          rag: 'RED',
          progress: 'Half the officers trained',
          reportedOn: inPeriod,
        },
      },
      { token: admin.token },
    );
    await t.ok(
      MEASURE,
      { input: { indicatorId, period: measured, value: 27, area: 'Camden' } },
      { token: admin.token },
    );
    const opened = await openRound(t, admin, strategyId, { returnsDueOn });
    roundId = opened.id;
    const [ret] = opened.returns;
    const submitted = await t.ok<{ submitGroupReturn: { version: number } }>(
      SUBMIT,
      { id: ret.id, version: ret.version },
      { token: chair.token },
    );
    await t.ok(APPROVE, { id: ret.id, version: submitted.submitGroupReturn.version }, { token: admin.token });
    await closeRound(t, admin, roundId);
  }, 120_000);

  afterAll(async () => {
    await t?.close();
  });

  it('before any restatement: the record, and a note that nothing was restated', async () => {
    const text = await pack(`round=${roundId}`, 'docx');
    expect(text).toContain('Restated since the round closed');
    expect(text).toContain('No correction has been recorded since.');
    expect(text).toContain('Half the officers trained');
  });

  it('after restating an update and a figure: the frozen figures, with the restatements beside them', async () => {
    await t.ok(
      UPDATE,
      {
        input: {
          actionId,
          status: 'COMPLETE',
          rag: 'GREEN',
          progress: 'All officers trained before the deadline',
          reportedOn: inPeriod,
          restatementReason: 'The group reported completion late',
        },
      },
      { token: admin.token },
    );
    await t.ok(
      MEASURE,
      {
        input: {
          indicatorId,
          period: measured,
          value: 25,
          area: 'Camden',
          restatementReason: 'Police data corrected',
        },
      },
      { token: admin.token },
    );

    // The live pack as of the same date shows the corrected figures: what the round's pack must not.
    const live = await pack(`strategy=${strategyId}&asOf=${returnsDueOn}`, 'docx');
    expect(live).toContain('All officers trained before the deadline');
    expect(live).toContain('25% (');
    expect(live).not.toContain('Restated since the round closed');

    for (const format of ['pdf', 'docx'] as const) {
      const text = await pack(`round=${roundId}`, format);
      // The record: the update and the area's value as they stood at closing.
      expect(text, format).toContain('Half the officers trained');
      expect(text, format).not.toContain('All officers trained before the deadline');
      expect(text, format).toContain('27% (');
      expect(text, format).not.toContain('25% (');
      // Beside them, each restatement: the value in the record and the value restated to, with why.
      expect(text, format).toContain('Restated since the round closed');
      expect(text, format).toMatch(/2 corrections\s+have\s+been\s+recorded/);
    }
    // The restatements table (its cells read whole from the Word file; the PDF wraps them in columns).
    const docx = await pack(`round=${roundId}`, 'docx');
    const restated = docx.slice(docx.indexOf('Restated since the round closed'), docx.indexOf('Exceptions'));
    for (const cell of [
      'The group reported completion late',
      'Police data corrected',
      'In progress, red',
      'Complete, green',
      'Indicator "Repeat referrals" (Camden)',
      '27',
      '25',
    ])
      expect(restated).toContain(cell);
    // The exceptions list the action as it was recorded at closing (red), not as restated (complete).
    const exceptions = docx.slice(docx.indexOf('Exceptions'), docx.indexOf('Outputs and their actions'));
    expect(exceptions).toContain('A1');
    expect(exceptions).toContain('Half the officers trained');
  });
});
