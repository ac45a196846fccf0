// The identity module's public surface for other modules, beyond its services, entities and types:
// the signed-in viewers' cache (for services that change who may do what) and the session cookie.
export type { ViewerCache } from './viewer-cache';
export { sessionTokenFrom } from './session-cookie';
// The users-by-id loader every module's user fields share (one per request).
export { userById } from './identity.loaders';
