/** A 0..1 score or progress as a whole percentage, or a dash-free phrase when there is none. */
export function percent(v: number | null | undefined): string {
  return v === null || v === undefined ? 'Not available' : `${Math.round(v * 100)}%`;
}

export function num(v: number | null | undefined, unit = ''): string {
  if (v === null || v === undefined) return 'Not set';
  const s = Number.isInteger(v) ? String(v) : v.toFixed(2).replace(/0+$/, '');
  return unit && unit !== 'count' ? `${s} ${unit}` : s;
}
