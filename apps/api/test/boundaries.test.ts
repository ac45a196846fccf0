import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/**
 * The module boundaries of docs/architecture.md are enforced by `npm run lint` (eslint.config.mjs):
 * a module may use another's services, entities, types and enums, not its other files, and the web app
 * never imports API code. This runs the repository's real ESLint configuration over probe files.
 */
const root = path.resolve(__dirname, '../../..');
const eslint = new ESLint({ cwd: root });

async function restricted(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  return result!.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('module boundaries', () => {
  it("refuses another module's internals and allows its public surface", async () => {
    const code = [
      "export * from '../actions/action.inputs';",
      "export * from '../actions/action.resolver';",
      "export * from '../strategy/strategy.rules';",
      "export * from '../actions/action.service';",
      "export * from '../actions/action.entity';",
      "export * from '../strategy/strategy.type';",
      "export * from '../actions/action.enums';",
      "export * from '../../graphql/context';",
      "export * from './tag.service';",
    ].join('\n');
    const messages = await restricted('apps/api/src/modules/tags/probe.ts', code);
    expect(messages).toHaveLength(3);
    for (const m of messages) expect(m).toMatch(/Another module's internals/);
  }, 60_000);

  it('refuses API code in the web app', async () => {
    const code = [
      "export * from '@throughline/api/src/server';",
      "export * from '../../../../api/src/server';",
      "export * from '@throughline/sdk';",
    ].join('\n');
    const messages = await restricted('apps/web/src/lib/server/probe.ts', code);
    expect(messages).toHaveLength(2);
    for (const m of messages) expect(m).toMatch(/through @throughline\/sdk/);
  }, 60_000);
});
