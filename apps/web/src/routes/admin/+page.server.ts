import { EmailSettingsDocument } from '@throughline/sdk';
import { load as loadQuery } from '$lib/graphql/server-client';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => ({
  email: (await loadQuery(locals.api, EmailSettingsDocument, {})).emailSettings,
});
