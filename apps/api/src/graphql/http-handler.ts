import { HeaderMap, type ApolloServer, type BaseContext } from '@apollo/server';
import type { Request, RequestHandler, Response } from 'express';
import { takeAnswerPieces, type AnswerPiece } from './answer-text';

/**
 * The Express handler for GraphQL requests, through Apollo's public integration API
 * (`executeHTTPGraphQLRequest`), as @as-integrations/express5 does it, plus one thing that package
 * cannot do: an answer made in pieces (graphql/answer-text.ts) is written from its pieces into a
 * reused buffer (writeAnswerPieces), never joined into one string and converted again. At size L, "what
 * changed" over a year is 4.7 MB: the join and the conversion each touched megabytes of fresh memory
 * per request (docs/decisions/0018-what-changed.md, "Sending the answer").
 */
export function graphqlHandler<C extends BaseContext>(
  server: ApolloServer<C>,
  context: (args: { req: Request; res: Response }) => Promise<C>,
): RequestHandler {
  server.assertStarted('graphqlHandler()');
  return (req, res, next) => {
    handle(server, context, req, res).catch(next);
  };
}

async function handle<C extends BaseContext>(
  server: ApolloServer<C>,
  context: (args: { req: Request; res: Response }) => Promise<C>,
  req: Request,
  res: Response,
): Promise<void> {
  if (!('body' in req)) {
    res.status(500).send('`req.body` is not set: the JSON body parser must run before GraphQL.');
    return;
  }
  const headers = new HeaderMap();
  for (const [key, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
  }
  const q = req.url.indexOf('?');
  const response = await server.executeHTTPGraphQLRequest({
    httpGraphQLRequest: {
      method: req.method.toUpperCase(),
      headers,
      search: q < 0 ? '' : req.url.slice(q),
      body: req.body,
    },
    context: () => context({ req, res }),
  });
  for (const [key, value] of response.headers) res.setHeader(key, value);
  res.statusCode = response.status || 200;
  if (response.body.kind === 'complete') {
    const pieces = takeAnswerPieces(response.body.string);
    if (pieces) writeAnswerPieces(req, res, pieces);
    else res.send(response.body.string);
    return;
  }
  for await (const chunk of response.body.asyncIterator) res.write(chunk);
  res.end();
}

/** The buffer kept for the next answer in pieces (one: the answers that need it are few and large). */
let spare: Buffer | null = null;
/** Buffers are made in steps of this size, and none larger than MAX_KEPT is kept. */
const STEP = 1 << 20;
const MAX_KEPT = 64 << 20;

/**
 * Writes `pieces` (UTF-8) as the response body from one buffer, reused across answers once the
 * response has finished: a new buffer's pages are touched for the first time as it is written, which
 * cost more than the writing itself (for 4.7 MB: 14 ms to fill fresh memory, 0.4 ms to refill it).
 */
function writeAnswerPieces(req: Request, res: Response, pieces: readonly AnswerPiece[]): void {
  let size = 0;
  for (const p of pieces) {
    size += typeof p === 'string' ? Buffer.byteLength(p, 'utf8') : p.end - p.start;
  }
  let buffer = spare && spare.length >= size ? spare : null;
  if (buffer) spare = null;
  else buffer = Buffer.allocUnsafeSlow(Math.ceil(size / STEP) * STEP);
  let length = 0;
  for (const p of pieces) {
    if (typeof p === 'string') length += buffer.write(p, length);
    else {
      length += p.bytes.copy(buffer, length, p.start, p.end);
      p.written();
    }
  }
  res.setHeader('Content-Length', length);
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  const used = buffer;
  res.end(used.subarray(0, length), (err?: Error | null) => {
    // Reused only once the response has been written out: until then the socket may still read it.
    if (!err && used.length <= MAX_KEPT && (!spare || spare.length < used.length)) spare = used;
  });
}
