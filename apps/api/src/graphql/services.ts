import type { DataSource } from 'typeorm';
import type { Logger } from 'pino';
import { ActionImportService } from '../modules/action-plan/action-import.service';
import { ActionPlanExportService } from '../modules/action-plan/action-plan.export';
import { ActionService } from '../modules/actions/action.service';
import { OperationalGroupService } from '../modules/actions/operational-group.service';
import { AuditService } from '../modules/audit/audit.service';
import { BoardPackService } from '../modules/board-pack/board-pack.service';
import { IdentityService } from '../modules/identity/identity.service';
import { StrategyService } from '../modules/strategy/strategy.service';
import { TagService } from '../modules/tags/tag.service';
import { ReviewService } from '../modules/reviews/review.service';
import { RollupService } from '../modules/rollup/rollup.service';
import { FeedbackService } from '../modules/voice/feedback.service';

/**
 * The application's services, made once per process and handed to resolvers through the context.
 * Resolvers call exactly these; services hold the rules, permissions, transactions and audit.
 */
export interface Services {
  identity: IdentityService;
  audit: AuditService;
  strategy: StrategyService;
  tags: TagService;
  reviews: ReviewService;
  feedback: FeedbackService;
  actions: ActionService;
  operationalGroups: OperationalGroupService;
  rollup: RollupService;
  /** The action plan as a spreadsheet (GET /api/strategies/:id/action-plan.xlsx). */
  actionPlan: ActionPlanExportService;
  /** Importing an action plan: preview (REST upload), then importActions. */
  actionImports: ActionImportService;
  /** The board pack as PDF or Word (GET /reports/board-pack). */
  boardPack: BoardPackService;
}

export function createServices(dataSource: DataSource, logger: Logger): Services {
  const identity = new IdentityService(dataSource, { logger });
  const strategy = new StrategyService(dataSource);
  const actions = new ActionService(dataSource, new TagService(dataSource));
  const operationalGroups = new OperationalGroupService(dataSource, identity.viewers);
  const rollup = new RollupService(dataSource);
  return {
    identity,
    audit: new AuditService(dataSource),
    strategy,
    tags: new TagService(dataSource),
    reviews: new ReviewService(dataSource, new TagService(dataSource)),
    feedback: new FeedbackService(dataSource, new TagService(dataSource)),
    actions,
    operationalGroups,
    rollup,
    actionPlan: new ActionPlanExportService(dataSource, strategy, operationalGroups),
    actionImports: new ActionImportService(dataSource, actions, strategy),
    boardPack: new BoardPackService(dataSource, rollup),
  };
}
