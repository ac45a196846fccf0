import { AsyncLocalStorage } from 'node:async_hooks';

/** Per-request values that code far from the HTTP layer (error formatting, audit) needs. */
export interface RequestStore {
  requestId: string;
}

export const requestContext = new AsyncLocalStorage<RequestStore>();

export function currentRequestId(): string | undefined {
  return requestContext.getStore()?.requestId;
}
