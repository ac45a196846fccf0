import type { Cookies } from '@sveltejs/kit';
import { dev } from '$app/environment';

const production = process.env.NODE_ENV === 'production';

/** The same cookie the API sets on login: a __Host- cookie in production (HTTPS only). */
export const SESSION_COOKIE = production ? '__Host-throughline_session' : 'throughline_session';

export function setSession(cookies: Cookies, token: string, expiresAt: string): void {
  cookies.set(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: production && !dev,
    expires: new Date(expiresAt),
  });
}

export function clearSession(cookies: Cookies): void {
  cookies.delete(SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'lax', secure: production && !dev });
}
