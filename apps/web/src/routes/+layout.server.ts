import { UnreadMessageCountDocument } from '@throughline/sdk';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = async ({ locals }) => {
  // The header's "Messages" link shows how many are unread; a failed count just shows none.
  let unreadMessages = 0;
  if (locals.viewer) {
    const result = await locals.api.query(UnreadMessageCountDocument, {}).toPromise();
    unreadMessages = result.data?.unreadMessageCount ?? 0;
  }
  return { viewer: locals.viewer, unreadMessages };
};
