import { error } from '@sveltejs/kit';
import type { LayoutServerLoad } from './$types';

// Administration is for the partnership's administrators; the API enforces this on every write too.
export const load: LayoutServerLoad = ({ locals }) => {
  if (!locals.viewer?.permissions.administer)
    error(403, { message: 'Only administrators can use these pages.' });
};
