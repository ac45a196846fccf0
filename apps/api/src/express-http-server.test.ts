import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterEach, describe, expect, it } from 'vitest';
import { createExpressHttpServer } from './express-http-server';

describe('createExpressHttpServer', () => {
  let close: (() => Promise<void>) | undefined;
  afterEach(async () => close?.());

  it("hands Express requests and responses already born with the app's prototypes", async () => {
    const app = express();
    app.get('/hello', (req, res) => {
      res.json({ ua: req.get('user-agent'), path: req.path, query: req.query });
    });
    const server = createExpressHttpServer(app);
    // Runs before Express's handler: what Node created, before Express could re-parent it.
    const born: Array<[boolean, boolean]> = [];
    server.prependListener('request', (req, res) => {
      born.push([Object.getPrototypeOf(req) === app.request, Object.getPrototypeOf(res) === app.response]);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    close = () => new Promise((resolve) => server.close(() => resolve()));
    const { port } = server.address() as AddressInfo;

    for (let i = 0; i < 2; i++) {
      const res = await fetch(`http://127.0.0.1:${port}/hello?x=${i}`, {
        headers: { 'user-agent': 'probe' },
      });
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ ua: 'probe', path: '/hello', query: { x: String(i) } });
    }
    expect(born).toEqual([
      [true, true],
      [true, true],
    ]);
  });
});
