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
import { IndicatorService } from '../modules/strategy/indicator.service';
import { TagService } from '../modules/tags/tag.service';
import { ReviewService } from '../modules/reviews/review.service';
import { RecommendationTrackerService } from '../modules/reviews/recommendation-tracker.service';
import { RecommendationStatusService } from '../modules/reviews/recommendation-status.service';
import { ReviewActionPlanService } from '../modules/reviews/review-action-plan.service';
import { NationalRoutingService } from '../modules/reviews/national-routing.service';
import { ReviewLearningService } from '../modules/reviews/review-learning.service';
import { ReviewExportService } from '../modules/reviews/review-export';
import { OversightExportService } from '../modules/reviews/oversight-export';
import { RollupService } from '../modules/rollup/rollup.service';
import { RollupChangesService } from '../modules/rollup/changes.service';
import { FeedbackService } from '../modules/voice/feedback.service';
import { FeedbackRedactionService } from '../modules/voice/redaction.service';
import { ActionUpdateRedactionService } from '../modules/actions/action-update-redaction.service';
import { FeedbackDigestService } from '../modules/voice/feedback-digest.service';
import { LinkedActionNoticeService } from '../modules/voice/linked-action-notices.service';
import { VoiceLoopService } from '../modules/voice/voice-loop.service';
import { RoundService } from '../modules/rounds/round.service';
import { ReturnSheetService } from '../modules/rounds/return-sheet.service';
import { RoundRecordService } from '../modules/rounds/round-record.service';
import { NotificationService, type EmailSettings } from '../modules/notifications/notification.service';

/**
 * The application's services, made once per process and handed to resolvers through the context.
 * Resolvers call exactly these; services hold the rules, permissions, transactions and audit.
 */
export interface Services {
  identity: IdentityService;
  audit: AuditService;
  strategy: StrategyService;
  /** Measurements (with provenance and corrections) and trajectories of indicators. */
  indicators: IndicatorService;
  tags: TagService;
  reviews: ReviewService;
  /** The recommendation tracker's lists and theme counts. */
  recommendationTracker: RecommendationTrackerService;
  /** Recommendation status changes (back-datable) and links to actions. */
  recommendationStatus: RecommendationStatusService;
  /** Review action plans: plan rows, milestones, agency responses. */
  reviewPlans: ReviewActionPlanService;
  /** National and regional routing, the national tracker, the chase pass. */
  nationalRouting: NationalRoutingService;
  reviewLearning: ReviewLearningService;
  /** Action plans, the tracker and the oversight summary as files. */
  reviewExports: ReviewExportService;
  /** The anonymised oversight summary (CSV and JSON). */
  oversight: OversightExportService;
  feedback: FeedbackService;
  /** Redaction of feedback and responses (docs/security.md, "Redaction"). */
  feedbackRedaction: FeedbackRedactionService;
  /** Redaction of action updates. */
  actionUpdateRedaction: ActionUpdateRedactionService;
  /** Forum meetings, decisions on feedback and the board's tally of them. */
  voiceLoop: VoiceLoopService;
  /** "You said, we did" digests (GET /reports/feedback-digest/:id). */
  feedbackDigests: FeedbackDigestService;
  actions: ActionService;
  operationalGroups: OperationalGroupService;
  rollup: RollupService;
  /** What changed between two dates (rollupChanges, the board's "what changed since"). */
  rollupChanges: RollupChangesService;
  /** The action plan as a spreadsheet (GET /api/strategies/:id/action-plan.xlsx). */
  actionPlan: ActionPlanExportService;
  /** Importing an action plan: preview (REST upload), then importActions. */
  actionImports: ActionImportService;
  /** Reporting rounds and the groups' returns. */
  rounds: RoundService;
  /** Closing a round: its frozen record and the restatements of its period. */
  roundRecords: RoundRecordService;
  /** The spreadsheet return (GET/POST /api/returns/:id/...). */
  returnSheets: ReturnSheetService;
  /** Messages to people (reminders, decisions): `notify` records one in the caller's transaction. */
  notifications: NotificationService;
  /** The board pack as PDF or Word (GET /reports/board-pack). */
  boardPack: BoardPackService;
}

export function createServices(
  dataSource: DataSource,
  logger: Logger,
  options: { email?: EmailSettings } = {},
): Services {
  const identity = new IdentityService(dataSource, { logger });
  const strategy = new StrategyService(dataSource);
  const actions = new ActionService(dataSource, new TagService(dataSource));
  const operationalGroups = new OperationalGroupService(dataSource, identity.viewers);
  const notifications = new NotificationService(dataSource, options.email);
  const notices = new LinkedActionNoticeService(notifications);
  actions.afterLatestUpdate.push(notices);
  const rounds = new RoundService(dataSource, actions, notifications);
  const rollup = new RollupService(dataSource);
  const rollupChanges = new RollupChangesService(dataSource);
  const roundRecords = new RoundRecordService(dataSource);
  const reviews = new ReviewService(dataSource, new TagService(dataSource));
  const reviewPlans = new ReviewActionPlanService(dataSource, reviews);
  return {
    identity,
    audit: new AuditService(dataSource),
    strategy,
    indicators: new IndicatorService(dataSource),
    tags: new TagService(dataSource),
    reviews,
    recommendationTracker: new RecommendationTrackerService(dataSource),
    recommendationStatus: new RecommendationStatusService(dataSource, reviews),
    reviewPlans,
    nationalRouting: new NationalRoutingService(dataSource, reviewPlans),
    reviewLearning: new ReviewLearningService(dataSource),
    reviewExports: new ReviewExportService(dataSource, reviews, reviewPlans),
    oversight: new OversightExportService(dataSource),
    feedback: new FeedbackService(dataSource, new TagService(dataSource)),
    feedbackRedaction: new FeedbackRedactionService(dataSource),
    actionUpdateRedaction: new ActionUpdateRedactionService(dataSource),
    voiceLoop: new VoiceLoopService(dataSource),
    feedbackDigests: new FeedbackDigestService(dataSource),
    actions,
    operationalGroups,
    rollup,
    rollupChanges,
    actionPlan: new ActionPlanExportService(dataSource, strategy, operationalGroups),
    actionImports: new ActionImportService(dataSource, actions, strategy),
    rounds,
    roundRecords,
    returnSheets: new ReturnSheetService(dataSource, rounds, actions),
    notifications,
    boardPack: new BoardPackService(dataSource, rollup, roundRecords, rollupChanges),
  };
}
