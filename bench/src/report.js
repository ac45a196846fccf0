// What a run reports: ratios per operation and level, the floors, and the table on stdout.
const ratio = (a, b) => (a && b ? Math.round((a / b) * 100) / 100 : null);

/** Ratios per operation and level: ours/floor and ours/peer for p50, p95 and requests/s. */
export function ratios(result) {
  const rows = [];
  for (const [op, bySystem] of Object.entries(result.operations)) {
    bySystem.ours.forEach((o, k) => {
      const f = bySystem.floor?.[k];
      const p = bySystem.peer?.[k];
      rows.push({
        op,
        clients: o.concurrency,
        oursP50: o.p50,
        oursP95: o.p95,
        oursRps: o.rps,
        floorP50: f?.p50 ?? null,
        floorP95: f?.p95 ?? null,
        peerP50: p?.p50 ?? null,
        peerRps: p?.rps ?? null,
        p50VsFloor: ratio(o.p50, f?.p50),
        p95VsFloor: ratio(o.p95, f?.p95),
        p50VsPeer: ratio(o.p50, p?.p50),
        rpsVsPeer: ratio(o.rps, p?.rps),
      });
    });
  }
  return rows;
}

/** The floors (checked on size L at 1 and 2 clients; reported for every size). */
export function floorChecks(result, allStatements) {
  const checks = [];
  const at = (op, system, c) => result.operations[op]?.[system]?.find((r) => r.concurrency === c);
  for (const c of [1, 2]) {
    const t = (op, sys) => at(op, sys, c);
    const add = (name, ok, detail) => checks.push({ clients: c, name, ok, detail });
    if (t('rollupToday', 'ours')) {
      add(
        'roll-up today p50 <= 1.5x floor',
        t('rollupToday', 'ours').p50 <= 1.5 * t('rollupToday', 'floor').p50,
        `${t('rollupToday', 'ours').p50} vs ${t('rollupToday', 'floor').p50} ms`,
      );
      add(
        'roll-up today p95 <= 2x floor',
        t('rollupToday', 'ours').p95 <= 2 * t('rollupToday', 'floor').p95,
        `${t('rollupToday', 'ours').p95} vs ${t('rollupToday', 'floor').p95} ms`,
      );
      add(
        'roll-up a year back p50 <= 1.5x floor',
        t('rollupYearBack', 'ours').p50 <= 1.5 * t('rollupYearBack', 'floor').p50,
        `${t('rollupYearBack', 'ours').p50} vs ${t('rollupYearBack', 'floor').p50} ms`,
      );
      add(
        'list page p95 <= 2x floor',
        t('groupActions', 'ours').p95 <= 2 * t('groupActions', 'floor').p95,
        `${t('groupActions', 'ours').p95} vs ${t('groupActions', 'floor').p95} ms`,
      );
      add(
        'list page req/s >= PostGraphile',
        t('groupActions', 'ours').rps >= t('groupActions', 'peer').rps,
        `${t('groupActions', 'ours').rps} vs ${t('groupActions', 'peer').rps} req/s`,
      );
      add(
        'addActionUpdate p50 <= 5x floor',
        t('addActionUpdate', 'ours').p50 <= 5 * t('addActionUpdate', 'floor').p50,
        `${t('addActionUpdate', 'ours').p50} vs ${t('addActionUpdate', 'floor').p50} ms`,
      );
    }
  }
  if (allStatements.length > 1) {
    for (const op of Object.keys(allStatements[0].statements)) {
      const seen = allStatements.map((s) => s.statements[op]?.ours);
      checks.push({
        clients: null,
        name: `statements per request the same at every size: ${op}`,
        ok: seen.every((n) => n === seen[0]),
        detail: allStatements.map((s, k) => `${s.size}=${seen[k]}`).join(' '),
      });
    }
  }
  return checks;
}

export function printTable(rows) {
  const cols = [
    'op',
    'clients',
    'oursP50',
    'floorP50',
    'p50VsFloor',
    'oursP95',
    'floorP95',
    'p95VsFloor',
    'peerP50',
    'p50VsPeer',
    'oursRps',
    'peerRps',
    'rpsVsPeer',
  ];
  const cell = (v) => (v === null || v === undefined ? '-' : String(v));
  const widths = cols.map((c) => Math.max(c.length, ...rows.map((r) => cell(r[c]).length)));
  const line = (vals) => vals.map((v, k) => v.padStart(widths[k])).join('  ');
  console.log(line(cols));
  for (const r of rows) console.log(line(cols.map((c) => cell(r[c]))));
}
