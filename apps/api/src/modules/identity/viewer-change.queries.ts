import type { Client } from 'pg';

/** The channel the viewer-change triggers (migration ViewerChangeNotifications) notify on. */
export const VIEWER_CHANNEL = 'throughline_viewer';

/** The listener's own connection starts listening on the viewer-change channel. */
export async function listenForViewerChanges(client: Client): Promise<void> {
  await client.query(`LISTEN ${VIEWER_CHANNEL}`);
}

/** Sends `payload` on the viewer-change channel (delivered after every change committed before it). */
export async function notifyViewerChannel(client: Client, payload: string): Promise<void> {
  await client.query('SELECT pg_notify($1, $2)', [VIEWER_CHANNEL, payload]);
}
