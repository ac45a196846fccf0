import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/support/test-app';
import { Role } from '../identity/user.entity';
import { ECOLOGICAL_LEVEL, parseTagRef } from './tag.service';
import { TagEntity } from './tag.entity';
import { BadInputError } from '../../errors/errors';

const TAGS = `query Tags($kind: String) { tags(kind: $kind) { ref label } }`;

describe('tags', () => {
  let t: TestApp;
  let token: string;
  beforeAll(async () => {
    t = await startTestApp();
    token = (await t.user({ roles: [Role.BOARD] })).token;
  });
  afterAll(() => t.close());

  it('lists the four ecological levels (seeded on first look) to any signed-in user', async () => {
    const res = await t.ok<{ tags: Array<{ ref: string; label: string }> }>(
      TAGS,
      { kind: ECOLOGICAL_LEVEL },
      { token },
    );
    expect(res.tags.map((x) => x.ref.split(':')[1]).sort()).toEqual([
      'community',
      'individual',
      'institutional',
      'societal',
    ]);
    expect(res.tags.find((x) => x.ref.endsWith(':community'))).toMatchObject({
      ref: 'ecological-level:community',
      label: 'Community',
    });
  });

  it('refuses anonymous readers', async () => {
    const res = await t.request(TAGS, {});
    expect(res.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('creates other kinds on first use, once, even when two transactions race', async () => {
    const refs = ['theme:information-sharing', 'strand:domestic-abuse', 'theme:information-sharing'];
    const [a, b] = await Promise.all([
      t.dataSource.transaction((tx) => t.services.tags.resolveTags(tx, t.partnershipId, refs)),
      t.dataSource.transaction((tx) => t.services.tags.resolveTags(tx, t.partnershipId, refs)),
    ]);
    expect(a.map((x) => `${x.kind}:${x.slug}`)).toEqual([
      'theme:information-sharing',
      'strand:domestic-abuse',
    ]);
    expect(b.map((x) => x.id)).toEqual(a.map((x) => x.id));
    const stored = await t.dataSource.getRepository(TagEntity).count({ where: { kind: 'theme' } });
    expect(stored).toBe(1);
    const res = await t.ok<{ tags: Array<{ ref: string; label: string }> }>(
      TAGS,
      { kind: 'theme' },
      { token },
    );
    expect(res.tags).toEqual([{ ref: 'theme:information-sharing', label: 'Information sharing' }]);
  });

  it.each([
    ['no-colon', 'kind:slug'],
    ['Theme:upper', 'lowercase'],
    ['theme:Upper', 'lowercase'],
    ['theme:two  spaces', 'lowercase'],
    ['theme:', 'lowercase'],
    [':slug', 'lowercase'],
    ['theme:trailing-', 'lowercase'],
    ['theme:a:b', 'lowercase'],
    [`theme:${'x'.repeat(81)}`, 'at most'],
    [`${'k'.repeat(41)}:slug`, 'at most'],
  ])('refuses the malformed tag %s naming the field', (ref, words) => {
    let err: unknown;
    try {
      parseTagRef(ref, 'tags');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(BadInputError);
    expect((err as BadInputError).extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'tags' });
    expect((err as BadInputError).message).toContain(words);
  });

  it('refuses an unknown ecological level, naming the field and the level', async () => {
    const err = await t.dataSource
      .transaction((tx) =>
        t.services.tags.resolveTags(tx, t.partnershipId, ['ecological-level:global'], 'themes'),
      )
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BadInputError);
    expect((err as BadInputError).extensions).toMatchObject({ field: 'themes', level: 'global' });
    expect((err as BadInputError).message).toContain('global');
    expect(await t.dataSource.getRepository(TagEntity).count({ where: { slug: 'global' } })).toBe(0);
  });
});
