import { Writable } from 'node:stream';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startTestApp, type TestApp } from './support/test-app';

describe("a request's logger", () => {
  const lines: string[] = [];
  const logger = pino(
    { level: 'info' },
    new Writable({
      write(chunk, _enc, done) {
        lines.push(String(chunk));
        done();
      },
    }),
  );
  const child = vi.spyOn(logger, 'child');
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ logger });
  });
  afterAll(() => t.close());

  it('is made only when the request logs something, and then carries its request id', async () => {
    const u = await t.user();
    child.mockClear();
    // Apollo copies the context before executing: a getter on the context object itself would run then.
    await t.ok('{ __typename }');
    await t.ok('{ me { id } }', {}, { token: u.token });
    expect(child).not.toHaveBeenCalled();

    const denied = await t.request(
      '{ users { id } }',
      {},
      { token: u.token, headers: { 'x-request-id': 'req-log-1' } },
    );
    expect(denied.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(child).toHaveBeenCalledTimes(1);
    const event = lines.map((l) => JSON.parse(l)).find((l) => l.event === 'authz.denied');
    expect(event).toMatchObject({ requestId: 'req-log-1', userId: u.id, field: 'Query.users' });
  });
});
