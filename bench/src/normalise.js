// Answers from different systems are compared after normalising: object keys sorted, floats rounded
// (PostgreSQL float8 arithmetic and JavaScript may differ in the last bits), array order kept (order is
// part of the answer: objectives, outputs and list pages have a defined order).

/** @param {unknown} value @param {number} [digits] */
export function normalise(value, digits = 9) {
  if (Array.isArray(value)) return value.map((v) => normalise(v, digits));
  if (value && typeof value === 'object') {
    const out = {};
    for (const k of Object.keys(value).sort()) out[k] = normalise(value[k], digits);
    return out;
  }
  if (typeof value === 'number' && !Number.isInteger(value)) return Number(value.toFixed(digits));
  return value;
}

export function canonicalJson(value) {
  return JSON.stringify(normalise(value));
}

/** The first path at which two normalised values differ, for a loud and useful failure message. */
export function firstDifference(a, b, path = '$') {
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) return `${path}: array length ${a.length} vs ${b.length}`;
    for (let i = 0; i < a.length; i++) {
      const d = firstDifference(a[i], b[i], `${path}[${i}]`);
      if (d) return d;
    }
    return null;
  }
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
    for (const k of keys) {
      const d = firstDifference(a[k], b[k], `${path}.${k}`);
      if (d) return d;
    }
    return null;
  }
  return JSON.stringify(a) === JSON.stringify(b)
    ? null
    : `${path}: ${JSON.stringify(a)} vs ${JSON.stringify(b)}`;
}
