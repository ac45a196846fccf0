import { describe, expect, it } from 'vitest';
import { percentile, processCpuMs, runInterleaved } from '../src/stats.js';

describe('runInterleaved', () => {
  it('measures every system in each slice of the window, in turn', async () => {
    const calls = [];
    const sender = (name) => async () => {
      calls.push(name);
      await new Promise((r) => setTimeout(r, 2));
    };
    const results = await runInterleaved(
      { a: sender('a'), b: sender('b') },
      { concurrency: 1, warmupMs: 20, durationMs: 90, rounds: 3, minRequests: 3 },
    );
    // Warm-ups (a, then b), then three measured slices of each: a b a b a b.
    const runs = calls.reduce((acc, c) => (acc.at(-1) === c ? acc : [...acc, c]), []);
    expect(runs).toEqual(['a', 'b', 'a', 'b', 'a', 'b', 'a', 'b']);
    for (const r of Object.values(results)) {
      expect(r.requests).toBeGreaterThanOrEqual(3);
      expect(r.p50).toBeGreaterThan(0);
      expect(r.p95).toBeGreaterThanOrEqual(r.p50);
      expect(r.seconds).toBeGreaterThan(0.05);
    }
  });

  it("reports a server's CPU per request over the measured slices only", async () => {
    let cpuMs = 0;
    const results = await runInterleaved(
      {
        a: async () => new Promise((r) => setTimeout(r, 2)),
        b: async () => new Promise((r) => setTimeout(r, 2)),
      },
      { concurrency: 1, warmupMs: 10, durationMs: 30, rounds: 3, cpu: { a: () => (cpuMs += 5) } },
    );
    // Each measured slice of `a` reads the clock twice: 5 ms per slice, 3 slices.
    expect(results.a.cpuMsPerRequest).toBeCloseTo(15 / results.a.requests, 3);
    expect(results.b.cpuMsPerRequest).toBeUndefined();
    expect(processCpuMs(process.pid)).toBeGreaterThan(0);
  });

  it('uses nearest-rank percentiles', () => {
    expect(percentile([1, 2, 3, 4], 50)).toBe(2);
    expect(percentile([1, 2, 3, 4], 95)).toBe(4);
  });
});
