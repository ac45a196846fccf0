// A small keep-alive HTTP GraphQL client on node:http: the same client, with the same overhead,
// for our API and the peer.
import http from 'node:http';
import net from 'node:net';

export async function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

export class GraphQLClient {
  /** @param {string} url @param {{token?: string, sockets?: number}} [opts] */
  constructor(url, opts = {}) {
    this.url = new URL(url);
    this.token = opts.token ?? null;
    this.agent = new http.Agent({ keepAlive: true, maxSockets: opts.sockets ?? 16 });
    /** The last answer's decoding on this side (joining its chunks, UTF-8, JSON.parse), in ms. */
    this.lastDecodeMs = 0;
  }

  /** Sends one operation; resolves to { data, headers }; rejects on HTTP or GraphQL errors. */
  request(query, variables) {
    const body = JSON.stringify({ query, variables });
    const headers = { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) };
    if (this.token) headers.authorization = `Bearer ${this.token}`;
    return new Promise((resolve, reject) => {
      const req = http.request(
        {
          host: this.url.hostname,
          port: this.url.port,
          path: this.url.pathname,
          method: 'POST',
          headers,
          agent: this.agent,
        },
        (res) => {
          const chunks = [];
          res.on('data', (c) => chunks.push(c));
          res.on('end', () => {
            let json;
            const t0 = performance.now();
            try {
              json = JSON.parse(Buffer.concat(chunks).toString('utf8'));
            } catch {
              return reject(new Error(`HTTP ${res.statusCode}: not JSON`));
            }
            this.lastDecodeMs = performance.now() - t0;
            if (json.errors?.length) {
              return reject(new Error(`GraphQL error: ${JSON.stringify(json.errors).slice(0, 500)}`));
            }
            if (res.statusCode !== 200) return reject(new Error(`HTTP ${res.statusCode}`));
            resolve({ data: json.data, headers: res.headers });
          });
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  }

  close() {
    this.agent.destroy();
  }
}

export async function getJson(url) {
  return new Promise((resolve, reject) => {
    http
      .get(url, (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => {
          try {
            resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')));
          } catch (e) {
            reject(e);
          }
        });
      })
      .on('error', reject);
  });
}

/** Polls `url` until it answers 200, or fails after `ms`. */
export async function waitForHttp(url, ms, child, accept = (status) => status === 200) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (child && child.exitCode !== null) throw new Error(`process exited with code ${child.exitCode}`);
    const ok = await new Promise((resolve) => {
      http
        .get(url, (res) => {
          res.resume();
          resolve(accept(res.statusCode));
        })
        .on('error', () => resolve(false));
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(`${url} did not answer within ${ms} ms`);
}
