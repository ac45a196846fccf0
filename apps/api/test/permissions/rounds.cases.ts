/** The permission matrix's mutations of action-plan imports and reporting rounds (run by test/permissions.test.ts). */
import {
  ADMIN_ONLY,
  allow,
  GROUP_EDITORS,
  GROUP_MEMBERS,
  type Matrix,
  type MutationCase,
} from '../support/permission-matrix';

export function roundsMutations(matrix: Matrix): MutationCase[] {
  const { f, adminOk, stageImport, returnIn } = matrix;
  let roundSeq = 0;
  return [
    // importing an action plan (the upload itself is REST: see "spreadsheet routes" below)
    {
      field: 'importActions',
      doc: `mutation($input: ImportActionsInput!) { importActions(input: $input) { id } }`,
      vars: async (p) => ({ input: { importId: await stageImport(`IMP-${p}`) } }),
      expect: ADMIN_ONLY('NOT_FOUND'),
    },
    // reporting rounds
    {
      field: 'openReportingRound',
      doc: `mutation($input: ReportingRoundInput!) { openReportingRound(input: $input) { id } }`,
      vars: () => {
        const day = String(++roundSeq).padStart(2, '0');
        return {
          input: {
            strategyId: f.strategy,
            title: 'Round',
            periodEnd: `2030-01-${day}`,
            returnsDueOn: `2030-02-${day}`,
          },
        };
      },
      expect: ADMIN_ONLY('BAD_USER_INPUT:strategyId'),
    },
    {
      field: 'closeReportingRound',
      doc: `mutation($id: ID!) { closeReportingRound(id: $id) { id } }`,
      vars: async () => {
        // A strategy of its own per round: a strategy's rounds follow each other in time.
        const { createStrategy } = await adminOk<{ createStrategy: { id: string } }>(
          `mutation($input: StrategyInput!) { createStrategy(input: $input) { id } }`,
          {
            input: { title: `Closing strategy ${++roundSeq}`, startsOn: '2000-04-01', endsOn: '2003-03-31' },
          },
        );
        const day = '15';
        const opened = await adminOk<{ openReportingRound: { id: string } }>(
          `mutation($input: ReportingRoundInput!) { openReportingRound(input: $input) { id } }`,
          {
            input: {
              strategyId: createStrategy.id,
              title: 'Round to close',
              // Long past: a closed round refuses writes dated on or before its due date (the cases
              // after this one write today's updates and status changes).
              periodEnd: `2001-01-${day}`,
              returnsDueOn: `2001-02-${day}`,
            },
          },
        );
        return { id: opened.openReportingRound.id };
      },
      expect: ADMIN_ONLY('NOT_FOUND'),
    },
    {
      field: 'submitGroupReturn',
      doc: `mutation($id: ID!, $v: Int!) { submitGroupReturn(id: $id, version: $v) { id } }`,
      vars: async () => ({ id: f.returnOwn, v: await returnIn('DRAFT') }),
      expect: GROUP_EDITORS('NOT_FOUND'),
    },
    {
      field: 'approveGroupReturn',
      doc: `mutation($id: ID!, $v: Int!) { approveGroupReturn(id: $id, version: $v) { id } }`,
      vars: async () => ({ id: f.returnOwn, v: await returnIn('SUBMITTED') }),
      expect: allow(['ADMIN', 'CHAIR_OWN'], 'NOT_FOUND'),
    },
    {
      field: 'returnGroupReturn',
      doc: `mutation($id: ID!, $v: Int!) { returnGroupReturn(id: $id, version: $v, comment: "More detail") { id } }`,
      vars: async () => ({ id: f.returnOwn, v: await returnIn('SUBMITTED') }),
      expect: allow(['ADMIN', 'CHAIR_OWN'], 'NOT_FOUND'),
    },
    {
      field: 'reportNoChange',
      label: "on the own group's action",
      doc: `mutation($id: ID!) { reportNoChange(actionId: $id) { id } }`,
      vars: () => ({ id: f.actionOwn }),
      expect: GROUP_MEMBERS('BAD_USER_INPUT:actionId'),
    },
  ];
}
