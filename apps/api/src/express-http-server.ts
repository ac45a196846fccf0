import http from 'node:http';
import type { Express } from 'express';

/**
 * A constructor for `base` whose instances are born with `prototype` (which inherits from
 * base.prototype), or null when `base` is an ES class. Node's IncomingMessage and ServerResponse are
 * plain constructor functions, so `base.call(this)` initialises an object that `new` made with the
 * right prototype and this function's own (cached) hidden class. Reflect.construct(base, args, Born)
 * would work for classes too, but V8 then derives a new hidden class for every object: each request
 * missed every inline cache and allocated thousands of handlers (measured: 40% fewer requests/s).
 */
function bornWith<T extends typeof http.IncomingMessage | typeof http.ServerResponse>(
  base: T,
  prototype: object,
): T | null {
  if (Function.prototype.toString.call(base).startsWith('class')) return null;
  const init = base as unknown as (this: object, ...args: unknown[]) => void;
  function Born(this: object, ...args: unknown[]) {
    init.apply(this, args);
  }
  Born.prototype = prototype;
  return Born as unknown as T;
}

/**
 * An HTTP server for an Express app whose requests and responses are created with the app's own
 * prototypes (`app.request`, `app.response`), through Node's IncomingMessage/ServerResponse options.
 *
 * Express otherwise re-parents every request and response with Object.setPrototypeOf. In V8 that made
 * about a third of everything a request allocated survive young-generation collection: 15-20 ms
 * scavenges every half second under load, the list page's p95 and p99 (docs/performance.md, "The list
 * page, third pass"). Born with the right prototype, Express's setPrototypeOf changes nothing.
 */
export function createExpressHttpServer(app: Express): http.Server {
  const IncomingMessage = bornWith(http.IncomingMessage, app.request);
  const ServerResponse = bornWith(http.ServerResponse, app.response);
  // A Node whose classes these are gets Express's own (slower) behaviour.
  if (!IncomingMessage || !ServerResponse) return http.createServer(app);
  return http.createServer({ IncomingMessage, ServerResponse }, app);
}
