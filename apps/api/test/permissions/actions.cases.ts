/** The permission matrix's actions mutations (run by test/permissions.test.ts). */
import { MembershipRole } from '../support/test-app';
import {
  ADMIN_ONLY,
  GROUP_EDITORS,
  GROUP_MEMBERS,
  type Matrix,
  type MutationCase,
} from '../support/permission-matrix';

export function actionsMutations(matrix: Matrix): MutationCase[] {
  const { f, version } = matrix;
  return [
    // groups and actions
    {
      field: 'createOperationalGroup',
      doc: `mutation($input: OperationalGroupInput!) { createOperationalGroup(input: $input) { id } }`,
      vars: (p) => ({ input: { name: `Group by ${p}` } }),
      expect: ADMIN_ONLY('ok'),
    },
    {
      field: 'updateOperationalGroup',
      doc: `mutation($id: ID!, $v: Int!, $input: OperationalGroupPatch!) { updateOperationalGroup(id: $id, version: $v, input: $input) { id } }`,
      vars: async (p) => ({
        id: f.groupOwn,
        v: await version('operational_group', f.groupOwn),
        input: { description: `by ${p}` },
      }),
      expect: ADMIN_ONLY('NOT_FOUND'),
    },
    {
      field: 'setGroupMembership',
      doc: `mutation($g: ID!, $u: ID!) { setGroupMembership(groupId: $g, userId: $u, role: MEMBER) { id } }`,
      vars: () => ({ g: f.groupOwn, u: f.bystander }),
      expect: ADMIN_ONLY('NOT_FOUND'),
    },
    {
      field: 'removeGroupMember',
      doc: `mutation($g: ID!, $u: ID!) { removeGroupMember(groupId: $g, userId: $u) { id } }`,
      vars: async () => {
        await matrix.t.addMembership(f.bystander, f.groupOwn, MembershipRole.MEMBER);
        return { g: f.groupOwn, u: f.bystander };
      },
      expect: ADMIN_ONLY('NOT_FOUND'),
    },
    {
      field: 'createAction',
      label: 'for the own group',
      doc: `mutation($input: ActionInput!) { createAction(input: $input) { id } }`,
      vars: (p) => ({
        input: { objectiveId: f.objective, groupId: f.groupOwn, ref: `NEW-${p}`, title: `By ${p}` },
      }),
      expect: GROUP_EDITORS('BAD_USER_INPUT:groupId'),
    },
    {
      field: 'updateAction',
      label: 'of the own group',
      doc: `mutation($id: ID!, $v: Int!, $input: ActionPatch!) { updateAction(id: $id, version: $v, input: $input) { id } }`,
      vars: async (p) => ({ id: f.actionOwn, v: await version('action', f.actionOwn), input: { lead: p } }),
      expect: GROUP_EDITORS('NOT_FOUND'),
    },
    {
      field: 'addActionUpdate',
      label: "on the own group's action",
      doc: `mutation($input: ActionUpdateInput!) { addActionUpdate(input: $input) { id } }`,
      vars: (p) => ({
        input: { actionId: f.actionOwn, status: 'IN_PROGRESS', rag: 'AMBER', progress: `Update by ${p}` },
      }),
      expect: GROUP_MEMBERS('BAD_USER_INPUT:actionId'),
    },
  ];
}
