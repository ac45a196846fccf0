/**
 * The entry point. The configuration is checked before the application is loaded (src/start.ts), so a
 * mistake in it is reported at once, in one line naming the variable, not after the seconds that
 * loading the whole API takes.
 */
import { ConfigError, loadConfig, type Config } from './config/config';

const startedAt = Date.now();

function configOrExit(): Config {
  try {
    return loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      // One line, naming the variable: the operator's whole error message.
      process.stderr.write(`Configuration error: ${e.message}\n`);
      process.exit(1);
    }
    throw e;
  }
}

const config = configOrExit();
import('./start.js')
  .then(({ start }) => start(config, startedAt))
  .catch((e: unknown) => {
    // A setting found wrong only once the database is reached (a weak admin password): still one line.
    if (e instanceof ConfigError) process.stderr.write(`Configuration error: ${e.message}\n`);
    // A rejection without an Error (some libraries reject with nothing) still says that start-up failed.
    else if (e instanceof Error) console.error(e);
    else process.stderr.write(`Start-up failed: ${String(e ?? 'no reason given')}\n`);
    process.exit(1);
  });
