import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// patches/@apollo+server+*.patch (applied by the root postinstall, patch-package): the gateway request
// context that our graphql-jit executor receives (jit-executor.ts) is built without an object literal
// with get/set, whose old-generation accessor pair kept every request's objects alive until the next
// full collection (docs/performance.md, "The list page, third pass").
const require = createRequire(__filename);
const apolloDist = path.dirname(require.resolve('@apollo/server'));
const { makeGatewayGraphQLRequestContext } = require(
  path.join(apolloDist, 'utils/makeGatewayGraphQLRequestContext.js'),
) as {
  makeGatewayGraphQLRequestContext: (
    requestContext: unknown,
    server: unknown,
    internals: unknown,
  ) => {
    context: unknown;
    response: { http: { status?: number; headers: { set(n: string, v: string): void } } };
  };
};

describe("Apollo's gateway request context (patched)", () => {
  it('exposes the response status through a class, not accessors on the object itself', () => {
    const requestContext = {
      request: { query: '{ __typename }' },
      response: { http: { status: undefined as number | undefined, headers: new Map<string, string>() } },
      contextValue: { marker: 1 },
    };
    const made = makeGatewayGraphQLRequestContext(requestContext, { logger: null, cache: null }, {});
    const http = made.response.http;
    expect(Object.getOwnPropertyDescriptor(http, 'status')).toBeUndefined();
    expect(http.status).toBeUndefined();
    http.status = 418;
    expect(requestContext.response.http.status).toBe(418);
    http.headers.set('x-a', '1');
    expect(requestContext.response.http.headers.get('x-a')).toBe('1');
    expect(made.context).toBe(requestContext.contextValue);
  });
});
