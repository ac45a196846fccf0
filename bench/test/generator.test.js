import { describe, expect, it } from 'vitest';
import { buildDataset } from '../src/generate.js';
import { Random } from '../src/prng.js';
import { SIZES } from '../src/sizes.js';
import { canonicalJson, firstDifference, normalise } from '../src/normalise.js';
import { parseArgs } from '../src/run.js';

const tiny = { objectives: 3, actions: 60, updates: 300 };

describe('data generator', () => {
  it('gives identical data for the same seed and date', () => {
    const a = buildDataset(tiny, { seed: 7, today: '2026-01-15' });
    const b = buildDataset(tiny, { seed: 7, today: '2026-01-15' });
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
  });

  it('gives different data for another seed', () => {
    const a = buildDataset(tiny, { seed: 7, today: '2026-01-15' });
    const b = buildDataset(tiny, { seed: 8, today: '2026-01-15' });
    expect(JSON.stringify(a.tables)).not.toBe(JSON.stringify(b.tables));
  });

  it('makes the sizes asked for, with no update dated after today or before its action was agreed', () => {
    const d = buildDataset(tiny, { seed: 1, today: '2026-01-15' });
    const t = Object.fromEntries(d.tables.map((x) => [x.name, x]));
    expect(t.objective.length).toBe(3);
    expect(t.action.length).toBe(60);
    expect(t.action_update.length).toBe(300);
    const col = (table, name) => table.data[table.columns.indexOf(name)];
    const agreed = new Map(col(t.action, 'id').map((id, i) => [id, col(t.action, 'agreed_on')[i]]));
    col(t.action_update, 'reported_on').forEach((day, i) => {
      expect(day <= '2026-01-15').toBe(true);
      expect(day >= agreed.get(col(t.action_update, 'action_id')[i])).toBe(true);
    });
  });

  it('draws well-formed, unique ids', () => {
    const r = new Random(3);
    const ids = Array.from({ length: 1000 }, () => r.uuid());
    expect(new Set(ids).size).toBe(1000);
    for (const id of ids)
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('knows the three sizes of the issue', () => {
    expect(SIZES.L).toEqual({ objectives: 50, actions: 20_000, updates: 200_000 });
  });
});

describe('JSON normaliser', () => {
  it('sorts keys at every depth and rounds floats, keeping array order', () => {
    const a = { b: 1, a: [{ y: 0.1 + 0.2, x: 'v' }, 2] };
    const b = { a: [{ x: 'v', y: 0.3 }, 2], b: 1 };
    expect(canonicalJson(a)).toBe(canonicalJson(b));
    expect(canonicalJson([1, 2])).not.toBe(canonicalJson([2, 1]));
  });

  it('tells where two answers differ', () => {
    const a = normalise({ objectives: [{ score: 0.5 }, { score: 1 }] });
    const b = normalise({ objectives: [{ score: 0.5 }, { score: 0.75 }] });
    expect(firstDifference(a, b)).toBe('$.objectives[1].score: 1 vs 0.75');
    expect(firstDifference(a, a)).toBeNull();
    expect(firstDifference({ n: null }, { n: 0 })).toBe('$.n: null vs 0');
  });
});

describe('command line', () => {
  it('reads --size and --quick', () => {
    expect(parseArgs(['--size', 's', '--quick'])).toMatchObject({ sizes: ['S'], quick: true });
    expect(parseArgs([]).sizes).toEqual(['S', 'M', 'L']);
    expect(() => parseArgs(['--size', 'XL'])).toThrow(/S, M or L/);
    expect(parseArgs(['--only', 'rounds']).only).toBe('rounds');
    expect(parseArgs([]).only).toBeNull();
    expect(() => parseArgs(['--only', 'lists'])).toThrow(/--only takes rounds/);
  });
});
