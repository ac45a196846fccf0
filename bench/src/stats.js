/** Nearest-rank percentile of an ascending array of numbers. */
export function percentile(sorted, p) {
  if (!sorted.length) return NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
}

/**
 * Closed-loop load: `concurrency` workers each send a request, wait for its answer, send the next.
 * A warm-up period is run and discarded first. Latencies in ms from process.hrtime.bigint().
 * @param {(worker:number, i:number) => Promise<unknown>} send
 */
export async function runLoad(send, { concurrency, warmupMs, durationMs, minRequests = 0 }) {
  let i = 0;
  const phase = async (ms, record) => {
    const latencies = [];
    const end = performance.now() + ms;
    let errors = 0;
    let done = 0;
    let firstError = null;
    const worker = async (w) => {
      while (performance.now() < end || done < minRequests) {
        const t0 = process.hrtime.bigint();
        try {
          await send(w, i++);
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
  };
  await phase(warmupMs, false);
  const { latencies, elapsed } = await phase(durationMs, true);
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
