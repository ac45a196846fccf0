// The peer: PostGraphile v5 over the benchmark's database, read-only, run as a child process with
// the bench's Node (PostGraphile needs Node >= 22; the product runs on 24). Env: DATABASE_URL, PORT, STATS_PORT, POOL_SIZE, PRINT_SCHEMA.
// GET http://127.0.0.1:STATS_PORT/ answers how many SQL statements the pool has sent (BEGIN/COMMIT excluded),
// so the benchmark can report statements per request for the peer too.
import { createServer } from 'node:http';
import pg from 'pg';
import { postgraphile } from 'postgraphile';
import { makePgService } from 'postgraphile/adaptors/pg';
import { grafserv } from 'postgraphile/grafserv/node';
import { PostGraphileAmberPreset } from 'postgraphile/presets/amber';
import { printSchema } from 'postgraphile/graphql';

const port = Number(process.env.PORT);
const pool = new pg.Pool({
  connectionString: process.env.DATABASE_URL,
  max: Number(process.env.POOL_SIZE ?? 10),
});
let statements = 0;
const CONTROL = /^\s*(begin|commit|rollback|start transaction|savepoint|release)/i;
pool.on('connect', (client) => {
  const query = client.query;
  client.query = function counted(...args) {
    const text = typeof args[0] === 'string' ? args[0] : args[0]?.text;
    if (text && !CONTROL.test(text)) statements++;
    return query.apply(this, args);
  };
});

/** @type {GraphileConfig.Preset} */
const preset = {
  extends: [PostGraphileAmberPreset],
  pgServices: [makePgService({ pool, schemas: ['public'] })],
  // Read-only: the peer serves the roll-up and the list page; no generated mutations.
  schema: { defaultBehavior: '-insert -update -delete' },
  grafserv: { graphiql: false, watch: false, graphqlPath: '/graphql' },
  grafast: { explain: false },
};

const pgl = postgraphile(preset);
const serv = pgl.createServ(grafserv);
const server = createServer();
// The statement counter on its own port, so that grafserv owns every request of the GraphQL server.
const stats = createServer((_req, res) => {
  res.setHeader('content-type', 'application/json');
  res.end(JSON.stringify({ statements }));
});
stats.listen(Number(process.env.STATS_PORT), '127.0.0.1');
server.keepAliveTimeout = 65_000;
serv.addTo(server).catch((e) => {
  console.error(e);
  process.exit(1);
});
if (process.env.PRINT_SCHEMA) console.log(printSchema(await pgl.getSchema()));
server.listen(port, '127.0.0.1', () => console.log(`peer ready on ${port}`));
const stop = () => {
  server.close();
  stats.close();
  pgl.release().finally(() => pool.end().finally(() => process.exit(0)));
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
