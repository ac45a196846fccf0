import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO } from '../src/db.js';
import { productionNodeArgs } from '../src/systems.js';

describe('our API under the bench', () => {
  it('is started with the Node flags of its production start script, as the Dockerfile starts it', () => {
    const start = JSON.parse(fs.readFileSync(path.join(REPO, 'apps/api/package.json'), 'utf8')).scripts.start;
    const flags = productionNodeArgs();
    expect(start).toBe(['node', ...flags, 'dist/main.js'].join(' '));
    const dockerfile = fs.readFileSync(path.join(REPO, 'infra/Dockerfile'), 'utf8');
    const cmd = ['node', ...flags, 'apps/api/dist/main.js'].map((w) => JSON.stringify(w)).join(', ');
    expect(dockerfile).toContain(`CMD [${cmd}]`);
  });
});
