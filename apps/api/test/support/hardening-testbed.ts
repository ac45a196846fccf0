import { Writable } from 'node:stream';
import pino from 'pino';
import { Role, startTestApp, type TestApp } from './test-app';

/** A raw request, so tests control the method, headers and body exactly. */
export async function raw(t: TestApp, init: RequestInit & { path?: string } = {}) {
  const res = await fetch(`${t.url}${init.path ?? '/graphql'}`, init);
  const text = await res.text();
  let body: { data?: unknown; errors?: Array<{ message: string; extensions?: Record<string, unknown> }> } =
    {};
  try {
    body = JSON.parse(text);
  } catch {
    /* not JSON (a landing page, for instance) */
  }
  return { res, text, body, code: body.errors?.[0]?.extensions?.code };
}

export const json = (t: TestApp, payload: unknown, headers: Record<string, string> = {}) =>
  raw(t, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof payload === 'string' ? payload : JSON.stringify(payload),
  });

export let t: TestApp;
export let admin: { id: string; token: string };
export const logLines: string[] = [];
export async function setUp(): Promise<void> {
  const sink = new Writable({
    write(chunk, _enc, done) {
      logLines.push(String(chunk));
      done();
    },
  });
  t = await startTestApp({ logger: pino({ level: 'info' }, sink) });
  admin = await t.user({ roles: [Role.ADMIN] });
}
export const tearDown = () => t.close();
