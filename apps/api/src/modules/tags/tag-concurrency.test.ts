import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/support/test-app';
import { resolveTagRefs } from './tag.service';

/**
 * Writers that create actions at the same time (the demo loader's workers, two chairs) may bring the
 * same new tags in different orders; each insert must then wait its turn, not deadlock.
 */
describe('new tags written concurrently', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('are created once, whatever order concurrent writers bring them in, without a deadlock', async () => {
    for (let round = 0; round < 4; round++) {
      const refs = Array.from({ length: 300 }, (_, i) => ({
        kind: 'theme',
        slug: `r${round}-theme-${String(i).padStart(3, '0')}`,
      }));
      const orders = [
        refs,
        [...refs].reverse(),
        [...refs.slice(150), ...refs.slice(0, 150)],
        [...refs].reverse(),
      ];
      const results = await Promise.allSettled(
        orders.map((order) => t.dataSource.transaction((tx) => resolveTagRefs(tx, t.partnershipId, order))),
      );
      const refused = results.filter((r) => r.status === 'rejected');
      expect(refused.map((r) => String((r as PromiseRejectedResult).reason))).toEqual([]);
      const [{ count }] = (await t.dataSource.query(
        `SELECT count(*)::int AS count FROM tag WHERE partnership_id = $1 AND slug LIKE $2`,
        [t.partnershipId, `r${round}-theme-%`],
      )) as Array<{ count: number }>;
      expect(count).toBe(300);
    }
  });
});
