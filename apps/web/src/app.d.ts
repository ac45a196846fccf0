// See https://svelte.dev/docs/kit/types#app.d.ts
import type { MeQuery } from '@throughline/sdk';
import type { Client } from '@urql/core';

declare global {
  namespace App {
    interface Locals {
      /** The signed-in user (from the API's `me`), or null. */
      viewer: NonNullable<MeQuery['me']> | null;
      /** The session token from the cookie, forwarded to the API as a Bearer token. */
      sessionToken: string | null;
      /** A GraphQL client for this request, carrying the user's session. */
      api: Client;
    }
    interface Error {
      message: string;
      requestId?: string;
    }
  }
}

export {};
