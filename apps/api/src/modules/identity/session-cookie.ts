import type { Request } from 'express';
import type { GraphQLContext } from '../../graphql/context';

/**
 * The web app's session cookie. In production it is a __Host- cookie (Secure, no Domain, Path=/),
 * which browsers only accept over HTTPS; in development a plain name so http://localhost works.
 */
export function sessionCookieName(production = process.env.NODE_ENV === 'production'): string {
  return production ? '__Host-throughline_session' : 'throughline_session';
}

function isProduction(ctx: Pick<GraphQLContext, 'production'>): boolean {
  return ctx.production ?? process.env.NODE_ENV === 'production';
}

export function setSessionCookie(ctx: GraphQLContext, token: string, expires: Date): void {
  const production = isProduction(ctx);
  ctx.res.cookie(sessionCookieName(production), token, {
    httpOnly: true,
    sameSite: 'lax',
    secure: production,
    path: '/',
    expires,
  });
}

export function clearSessionCookie(ctx: GraphQLContext): void {
  const production = isProduction(ctx);
  ctx.res.clearCookie(sessionCookieName(production), {
    httpOnly: true,
    sameSite: 'lax',
    secure: production,
    path: '/',
  });
}

/** The token presented with a request: a Bearer header (API clients, tests) or the cookie (web app). */
export function sessionTokenFrom(
  req: Request,
  production = process.env.NODE_ENV === 'production',
): string | null {
  const auth = req.get('authorization');
  if (auth) {
    const m = /^Bearer\s+(\S+)$/i.exec(auth);
    return m ? m[1] : null;
  }
  const header = req.get('cookie');
  if (!header) return null;
  const name = sessionCookieName(production);
  for (const part of header.split(';')) {
    const [k, ...rest] = part.trim().split('=');
    if (k === name) {
      try {
        return decodeURIComponent(rest.join('='));
      } catch {
        return null; // a malformed cookie is no session, not a server error
      }
    }
  }
  return null;
}
