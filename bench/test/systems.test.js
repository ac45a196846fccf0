import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO } from '../src/db.js';
import { productionNodeArgs } from '../src/systems.js';

describe('our API under the bench', () => {
  it('is started with the V8 flags of its production start script', () => {
    const start = JSON.parse(fs.readFileSync(path.join(REPO, 'apps/api/package.json'), 'utf8')).scripts.start;
    const flags = productionNodeArgs();
    expect(flags.length).toBeGreaterThan(0);
    expect(start).toBe(`node ${flags.join(' ')} dist/main.js`);
    const dockerfile = fs.readFileSync(path.join(REPO, 'infra/Dockerfile'), 'utf8');
    expect(dockerfile).toContain(
      `CMD ["node", ${flags.map((f) => JSON.stringify(f)).join(', ')}, "apps/api/dist/main.js"]`,
    );
  });
});
