import type { DataSource } from 'typeorm';
import type { Logger } from 'pino';
import { AuditService } from '../modules/audit/audit.service';
import { IdentityService } from '../modules/identity/identity.service';
import { StrategyService } from '../modules/strategy/strategy.service';
import { TagService } from '../modules/tags/tag.service';

/**
 * The application's services, made once per process and handed to resolvers through the context.
 * Resolvers call exactly these; services hold the rules, permissions, transactions and audit.
 */
export interface Services {
  identity: IdentityService;
  audit: AuditService;
  strategy: StrategyService;
  tags: TagService;
}

export function createServices(dataSource: DataSource, _logger: Logger): Services {
  void _logger;
  return {
    identity: new IdentityService(dataSource),
    audit: new AuditService(dataSource),
    strategy: new StrategyService(dataSource),
    tags: new TagService(dataSource),
  };
}
