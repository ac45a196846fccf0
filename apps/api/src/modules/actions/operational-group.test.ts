import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp, type TestUser } from '../../../test/support/test-app';
import { Role } from '../identity/user.entity';

const GROUP_FIELDS = `id name description actionCount
  chair { id name } coordinator { id name } members { role user { id } }`;
const CREATE = `mutation Create($input: OperationalGroupInput!) { createOperationalGroup(input: $input) { ${GROUP_FIELDS} } }`;
const LIST = `query { operationalGroups { ${GROUP_FIELDS} } }`;
const SET = `mutation Set($groupId: ID!, $userId: ID!, $role: MembershipRole!) {
  setGroupMembership(groupId: $groupId, userId: $userId, role: $role) { ${GROUP_FIELDS} } }`;
const REMOVE = `mutation Remove($groupId: ID!, $userId: ID!) { removeGroupMember(groupId: $groupId, userId: $userId) { ${GROUP_FIELDS} } }`;

interface Group {
  id: string;
  name: string;
  chair: { id: string } | null;
  coordinator: { id: string } | null;
  members: Array<{ role: string; user: { id: string } }>;
}

describe('operational groups', () => {
  let t: TestApp;
  let admin: TestUser;
  let board: TestUser;
  let chair: TestUser;
  let coordinator: TestUser;
  let member: TestUser;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.user({ roles: [Role.ADMIN] });
    board = await t.user({ roles: [Role.BOARD] });
    chair = await t.user({ name: 'Cara Chair' });
    coordinator = await t.user({ name: 'Colin Coordinator' });
    member = await t.user({ name: 'Mina Member' });
  });
  afterAll(() => t.close());

  it('an admin creates a group with its chair, coordinator and members; everyone signed in reads it', async () => {
    const { createOperationalGroup: g } = await t.ok<{ createOperationalGroup: Group }>(
      CREATE,
      {
        input: {
          name: '  Housing  ',
          description: 'Safe accommodation',
          chairId: chair.id,
          coordinatorId: coordinator.id,
          memberIds: [member.id, chair.id],
        },
      },
      { token: admin.token },
    );
    expect(g.name).toBe('Housing');
    expect(g.chair?.id).toBe(chair.id);
    expect(g.coordinator?.id).toBe(coordinator.id);
    expect(g.members.map((m) => [m.role, m.user.id])).toEqual([
      ['CHAIR', chair.id],
      ['COORDINATOR', coordinator.id],
      ['MEMBER', member.id],
    ]);
    const { operationalGroups } = await t.ok<{ operationalGroups: Group[] }>(
      LIST,
      {},
      { token: board.token },
    );
    expect(operationalGroups.map((x) => x.name)).toContain('Housing');
    const audit = await t.dataSource.query(
      `SELECT operation FROM audit_entry WHERE entity_id = $1 AND entity_type = 'OperationalGroup'`,
      [g.id],
    );
    expect(audit).toEqual([{ operation: 'createOperationalGroup' }]);
  });

  it('refuses non-admins, anonymous callers, unknown users (naming the field) and duplicate names', async () => {
    const input = { name: 'Harmful Practices', chairId: chair.id };
    expect((await t.request(CREATE, { input }, { token: board.token })).errors?.[0].extensions?.code).toBe(
      'FORBIDDEN',
    );
    expect((await t.request(CREATE, { input })).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    for (const [field, value] of [
      ['chairId', '00000000-0000-4000-8000-000000000000'],
      ['coordinatorId', 'not-a-uuid'],
      ['memberIds', ['00000000-0000-4000-8000-000000000001']],
    ] as const) {
      const res = await t.request(CREATE, { input: { name: 'X', [field]: value } }, { token: admin.token });
      expect(res.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
    const blank = await t.request(CREATE, { input: { name: '   ' } }, { token: admin.token });
    expect(blank.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'name' });
    const dup = await t.request(CREATE, { input: { name: 'housing' } }, { token: admin.token });
    expect(dup.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'name' });
    const same = await t.request(
      CREATE,
      { input: { name: 'Y', chairId: chair.id, coordinatorId: chair.id } },
      { token: admin.token },
    );
    expect(same.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'coordinatorId' });
    const { operationalGroups } = await t.ok<{ operationalGroups: Group[] }>(
      LIST,
      {},
      { token: admin.token },
    );
    expect(operationalGroups.map((g) => g.name)).toEqual(['Housing']);
  });

  it('updateOperationalGroup renames at the current version; a stale version is CONFLICT', async () => {
    const UPDATE = `mutation U($id: ID!, $version: Int!, $input: OperationalGroupPatch!) {
      updateOperationalGroup(id: $id, version: $version, input: $input) { id name description version } }`;
    const { createOperationalGroup: g } = await t.ok<{ createOperationalGroup: Group }>(
      CREATE,
      { input: { name: 'Criminal Justice' } },
      { token: admin.token },
    );
    const results = await Promise.all(
      ['CJ one', 'CJ two'].map((name) =>
        t.request(UPDATE, { id: g.id, version: 1, input: { name } }, { token: admin.token }),
      ),
    );
    expect(results.filter((r) => !r.errors)).toHaveLength(1);
    expect(results.find((r) => r.errors)?.errors?.[0].extensions).toMatchObject({
      code: 'CONFLICT',
      currentVersion: 2,
    });
    const dup = await t.request(
      UPDATE,
      { id: g.id, version: 2, input: { name: 'HOUSING' } },
      { token: admin.token },
    );
    expect(dup.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'name' });
    const denied = await t.request(
      UPDATE,
      { id: g.id, version: 2, input: { name: 'x' } },
      { token: board.token },
    );
    expect(denied.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const ok = await t.ok<{ updateOperationalGroup: { description: string; version: number } }>(
      UPDATE,
      { id: g.id, version: 2, input: { description: 'Courts and police' } },
      { token: admin.token },
    );
    expect(ok.updateOperationalGroup).toMatchObject({ description: 'Courts and police', version: 3 });
  });

  it('setGroupMembership hands the chair to someone else (the old chair becomes a member); removeGroupMember removes', async () => {
    const { operationalGroups } = await t.ok<{ operationalGroups: Group[] }>(
      LIST,
      {},
      { token: admin.token },
    );
    const groupId = operationalGroups.find((g) => g.name === 'Housing')!.id;
    const { setGroupMembership: g } = await t.ok<{ setGroupMembership: Group }>(
      SET,
      { groupId, userId: member.id, role: 'CHAIR' },
      { token: admin.token },
    );
    expect(g.chair?.id).toBe(member.id);
    expect(g.members.find((m) => m.user.id === chair.id)?.role).toBe('MEMBER');
    const denied = await t.request(
      SET,
      { groupId, userId: board.id, role: 'MEMBER' },
      { token: chair.token },
    );
    expect(denied.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const { removeGroupMember: r } = await t.ok<{ removeGroupMember: Group }>(
      REMOVE,
      { groupId, userId: chair.id },
      { token: admin.token },
    );
    expect(r.members.map((m) => m.user.id)).not.toContain(chair.id);
    const again = await t.request(REMOVE, { groupId, userId: chair.id }, { token: admin.token });
    expect(again.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'userId' });
    const unknown = await t.request(
      SET,
      { groupId, userId: '00000000-0000-4000-8000-000000000009', role: 'MEMBER' },
      { token: admin.token },
    );
    expect(unknown.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'userId' });
  });
});
