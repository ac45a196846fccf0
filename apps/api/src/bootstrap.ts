import type { Logger } from 'pino';
import type { Config } from './config/config';
import type { Services } from './graphql/services';
import { ensureAdmin } from './modules/identity/identity.service';

/** Start-up data: the partnership, the configured admin. Safe to run on every start. */
export async function bootstrap(config: Config, services: Services, logger: Logger): Promise<void> {
  const partnership = await services.identity.ensurePartnership();
  if (config.admin) {
    const result = await ensureAdmin(services.identity, partnership.id, config.admin);
    logger.info({ email: config.admin.email, result }, 'administrator checked');
  }
}
