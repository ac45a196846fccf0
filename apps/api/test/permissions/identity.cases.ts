/** The permission matrix's identity mutations (run by test/permissions.test.ts). */
import { ADMIN_ONLY, allow, type Matrix, type MutationCase, PERSONAS } from '../support/permission-matrix';

export function identityMutations(matrix: Matrix): MutationCase[] {
  const { users, f, version } = matrix;
  return [
    // identity
    {
      field: 'createUser',
      doc: `mutation($input: CreateUserInput!) { createUser(input: $input) { id } }`,
      vars: (p) => ({
        input: {
          email: `${p.toLowerCase()}@new.example.org`,
          name: p,
          password: 'a-long-password-1',
          roles: [],
        },
      }),
      expect: ADMIN_ONLY('ok'),
    },
    {
      field: 'updateUserRoles',
      doc: `mutation($id: ID!, $v: Int!, $roles: [Role!]!) { updateUserRoles(id: $id, version: $v, roles: $roles) { id } }`,
      vars: async () => ({ id: f.bystander, v: await version('app_user', f.bystander), roles: ['BOARD'] }),
      expect: ADMIN_ONLY('NOT_FOUND'),
    },
    {
      field: 'setUserActive',
      doc: `mutation($id: ID!, $v: Int!) { setUserActive(id: $id, version: $v, active: true) { id } }`,
      vars: async () => ({ id: f.bystander, v: await version('app_user', f.bystander) }),
      expect: ADMIN_ONLY('NOT_FOUND'),
    },
    {
      field: 'logout',
      doc: `mutation { logout }`,
      vars: () => ({}),
      // A fresh session per persona, so the matrix's own tokens survive.
      token: async (p) => {
        if (p === 'ANON') return null;
        const email =
          p === 'OUTSIDER'
            ? 'outsider@elsewhere.example.org'
            : (await matrix.t.dataSource.query(`SELECT email FROM app_user WHERE id = $1`, [users[p].id]))[0]
                .email;
        return (await matrix.t.services.identity.login(email, 'a-long-test-password')).token;
      },
      expect: allow([...PERSONAS], 'ok'),
    },
    {
      field: 'changePassword',
      label: 'their own',
      doc: `mutation($c: String!, $n: String!) { changePassword(currentPassword: $c, newPassword: $n) }`,
      vars: async (p) => {
        // Everyone starts from the shared test password (the bystander's hash is never changed), so the
        // case leaves every persona able to sign in as before it ran.
        if (users[p].id) {
          await matrix.t.dataSource.query(
            `UPDATE app_user SET password_hash = (SELECT password_hash FROM app_user WHERE id = $2) WHERE id = $1`,
            [users[p].id, f.bystander],
          );
        }
        return { c: 'a-long-test-password', n: `violet kettle under the stairs ${PERSONAS.indexOf(p)}` };
      },
      // Everyone signed in may change their own password; there is nobody else's to change.
      expect: allow([...PERSONAS], 'ok'),
    },
  ];
}
