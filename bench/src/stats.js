import fs from 'node:fs';

/**
 * A process's CPU time so far in ms (user + system, from /proc; Linux only), or undefined elsewhere.
 * Clock ticks are taken as 100 per second, Linux's USER_HZ.
 */
export function processCpuMs(pid) {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return undefined;
  }
}

/** Nearest-rank percentile of an ascending array of numbers. */
export function percentile(sorted, p) {
  if (!sorted.length) return NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
}

/** The middle value (upper middle for an even count), as the statements-per-request counts use it. */
export const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/**
 * Closed-loop load for `ms`: `concurrency` workers each send a request, wait for its answer, send the
 * next (at least `minRequests` in all). Latencies in ms from process.hrtime.bigint(); `next()` numbers
 * the requests (it varies the list page's group).
 * @param {(worker:number, i:number) => Promise<unknown>} send
 */
async function closedLoop(send, { concurrency, ms, record, minRequests = 0, next }) {
  const latencies = [];
  const end = performance.now() + ms;
  let errors = 0;
  let done = 0;
  let firstError = null;
  const worker = async (w) => {
    while (performance.now() < end || done < minRequests) {
      const t0 = process.hrtime.bigint();
      try {
        await send(w, next());
        done++;
        if (record) latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
      } catch (e) {
        errors++;
        firstError ??= e;
        if (errors > 3) break;
      }
    }
  };
  const t0 = performance.now();
  await Promise.all(Array.from({ length: concurrency }, (_, w) => worker(w)));
  const elapsed = performance.now() - t0;
  if (firstError)
    throw new Error(`requests failed (${errors}): ${firstError.message}`, { cause: firstError });
  return { latencies, elapsed };
}

function summary(latencies, elapsed, concurrency) {
  latencies.sort((a, b) => a - b);
  const round = (x) => Math.round(x * 1000) / 1000;
  return {
    concurrency,
    requests: latencies.length,
    seconds: round(elapsed / 1000),
    rps: round(latencies.length / (elapsed / 1000)),
    p50: round(percentile(latencies, 50)),
    p95: round(percentile(latencies, 95)),
    p99: round(percentile(latencies, 99)),
    max: round(latencies[latencies.length - 1]),
  };
}

/** One system under closed-loop load: a discarded warm-up, then the measured window. */
export async function runLoad(send, { concurrency, warmupMs, durationMs, minRequests = 0 }) {
  let i = 0;
  const next = () => i++;
  await closedLoop(send, { concurrency, ms: warmupMs, record: false, next });
  const { latencies, elapsed } = await closedLoop(send, {
    concurrency,
    ms: durationMs,
    record: true,
    minRequests,
    next,
  });
  return summary(latencies, elapsed, concurrency);
}

/**
 * Several systems under the same load, interleaved: each is warmed up, then the measured window is cut
 * into `rounds` slices taken in turn (floor, ours, peer, floor, ours, peer, ...), so that a change in
 * the shared machine's speed during the run falls on every system alike instead of on whichever was
 * measured at that moment. Returns each system's summary over its slices; with `cpu[system]` (a
 * function returning that server process's CPU time in ms so far), also its CPU ms per request.
 * @param {Record<string, (worker:number, i:number) => Promise<unknown>>} senders
 * @param {{ cpu?: Record<string, () => number> }} [options]
 */
export async function runInterleaved(
  senders,
  { concurrency, warmupMs, durationMs, minRequests = 0, rounds = 3, cpu = {} },
) {
  let i = 0;
  const next = () => i++;
  const names = Object.keys(senders);
  const acc = Object.fromEntries(names.map((n) => [n, { latencies: [], elapsed: 0, cpuMs: 0 }]));
  for (const n of names) await closedLoop(senders[n], { concurrency, ms: warmupMs, record: false, next });
  for (let r = 0; r < rounds; r++) {
    for (const n of names) {
      const cpu0 = cpu[n]?.();
      const slice = await closedLoop(senders[n], {
        concurrency,
        ms: durationMs / rounds,
        record: true,
        minRequests: Math.ceil(minRequests / rounds),
        next,
      });
      acc[n].latencies.push(...slice.latencies);
      acc[n].elapsed += slice.elapsed;
      if (cpu0 !== undefined) acc[n].cpuMs += cpu[n]() - cpu0;
    }
  }
  return Object.fromEntries(
    names.map((n) => {
      const { latencies, elapsed, cpuMs } = acc[n];
      const r = summary(latencies, elapsed, concurrency);
      if (cpu[n]) r.cpuMsPerRequest = Math.round((cpuMs / r.requests) * 1000) / 1000;
      return [n, r];
    }),
  );
}
