import { describe, expect, it } from 'vitest';
import { alignById, alignByKey, groupByKey, perRequest, perRequestBy, RequestMemos } from './per-request';

const request = () => ({ loaders: new RequestMemos() });

describe('per-request definitions', () => {
  it('perRequest: one object per request, made on first use', () => {
    let made = 0;
    const memo = perRequest((_ctx: { loaders: RequestMemos }) => ({ n: ++made }));
    const a = request();
    const b = request();
    expect(made).toBe(0);
    expect(memo(a)).toBe(memo(a));
    expect(memo(b)).not.toBe(memo(a));
    expect(made).toBe(2);
  });

  it('perRequestBy: one object per request and argument; null and "" are different arguments', () => {
    const made: Array<string | null> = [];
    const memo = perRequestBy((_ctx: { loaders: RequestMemos }, area: string | null) => {
      made.push(area);
      return { area };
    });
    const a = request();
    expect(memo(a, 'Barnet')).toBe(memo(a, 'Barnet'));
    expect(memo(a, null)).toBe(memo(a, null));
    expect(memo(a, '')).not.toBe(memo(a, null));
    expect(memo(a, 'Camden')).toEqual({ area: 'Camden' });
    expect(made).toEqual(['Barnet', null, '', 'Camden']);
    const b = request();
    expect(memo(b, 'Barnet')).not.toBe(memo(a, 'Barnet'));
  });

  it('two definitions never share a memo, even made by the same function', () => {
    const create = () => ({});
    const one = perRequest(create);
    const two = perRequest(create);
    const ctx = { ...request(), dataSource: null as never };
    expect(one(ctx)).not.toBe(two(ctx));
  });
});

describe('aligning rows to keys', () => {
  const rows = [
    { id: 'b', indicatorId: 'i2', v: 1 },
    { id: 'a', indicatorId: 'i1', v: 2 },
    { id: 'c', indicatorId: 'i1', v: 3 },
  ];

  it('alignById / alignByKey: in the order of the keys, null where a key has no row', () => {
    expect(alignById(rows, ['a', 'x', 'b']).map((r) => r?.v ?? null)).toEqual([2, null, 1]);
    expect(alignByKey(rows, ['i2', 'i9'], (r) => r.indicatorId).map((r) => r?.id ?? null)).toEqual([
      'b',
      null,
    ]);
  });

  it('groupByKey: every row under its key in row order, an empty list for a key with none', () => {
    expect(groupByKey(rows, ['i1', 'i3', 'i2'], (r) => r.indicatorId).map((g) => g.map((r) => r.id))).toEqual(
      [['a', 'c'], [], ['b']],
    );
  });
});
