import type { Logger } from 'pino';
import { ConfigError, type Config } from './config/config';
import { BadInputError } from './errors/errors';
import type { Services } from './graphql/services';
import { ensureAdmin } from './modules/identity/identity.service';

/** Start-up data: the partnership, the configured admin. Safe to run on every start. */
export async function bootstrap(config: Config, services: Services, logger: Logger): Promise<void> {
  const partnership = await services.identity.ensurePartnership();
  if (config.admin) {
    const result = await ensureAdmin(services.identity, partnership.id, config.admin).catch((e: unknown) => {
      // The password policy refused the administrator's password: the operator's one-line error.
      if (e instanceof BadInputError)
        throw new ConfigError('THROUGHLINE_ADMIN_PASSWORD', `is refused: ${e.message}`);
      throw e;
    });
    logger.info({ email: config.admin.email, result }, 'administrator checked');
  }
}
