/**
 * Where to go after signing in: a path on this site, or '/'. Parsed as a URL against our own origin,
 * as the browser will resolve it, so tabs, newlines and backslashes (which browsers drop or turn into
 * slashes: `/\t/evil.example/` is `//evil.example/`) cannot turn it into another site. The result is
 * the URL's own serialisation, so control characters come back percent-encoded and never reach a
 * Location header raw.
 */
export function safeReturn(value: string | null | undefined, origin: string): string {
  if (!value || !value.startsWith('/')) return '/';
  let target: URL;
  try {
    target = new URL(value, origin);
  } catch {
    return '/';
  }
  if (target.origin !== origin) return '/';
  const path = target.pathname + target.search + target.hash;
  // A path the browser could still read as protocol-relative.
  return path.startsWith('//') || path.startsWith('/\\') ? '/' : path;
}
