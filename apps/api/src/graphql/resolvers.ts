import type { NonEmptyArray } from 'type-graphql';
import { viewerCanResolvers } from '../access/viewer-can.graphql';
import {
  ActionResolver,
  ActionUpdateResolver,
  ObjectiveActionsResolver,
  OutputActionsResolver,
} from '../modules/actions/action.resolver';
import { ActionDueDateResolver, DueDateChangeResolver } from '../modules/actions/action-due-date.resolver';
import { ActionPermissionsResolver } from '../modules/actions/action-permissions.resolver';
import { UserPermissionsResolver } from '../modules/identity/user-permissions.resolver';
import { OperationalGroupResolver } from '../modules/actions/operational-group.resolver';
import { ActionImportResolver } from '../modules/action-plan/action-import.resolver';
import { AuditResolver } from '../modules/audit/audit.resolver';
import { IdentityResolver } from '../modules/identity/identity.resolver';
import {
  IndicatorResolver,
  MeasurementResolver,
  ObjectiveResolver,
  OutcomeResolver,
  OutputResolver,
  StrategyResolver,
} from '../modules/strategy/strategy.resolver';
import {
  IndicatorTargetResolver,
  IndicatorTrajectoryResolver,
  MeasurementProvenanceResolver,
  MeasurementRevisionResolver,
} from '../modules/strategy/indicator.resolver';
import { TagResolver } from '../modules/tags/tag.resolver';
import {
  ActionRecommendationsResolver,
  RecommendationResolver,
  ReviewResolver,
} from '../modules/reviews/review.resolver';
import {
  MilestoneResolver,
  RecommendationPlanResolver,
  ReviewStandingResolver,
} from '../modules/reviews/review-plan.resolver';
import { NotificationResolver } from '../modules/notifications/notification.resolver';
import { RollupResolver } from '../modules/rollup/rollup.resolver';
import { RollupChangesResolver, StrategyChangesResolver } from '../modules/rollup/changes.resolver';
import { IndicatorProgressResolver } from '../modules/rollup/indicator-progress.resolver';
import { GroupReturnCountsResolver } from '../modules/rounds/return-counts';
import { GroupReturnResolver, ReportingRoundResolver } from '../modules/rounds/round.resolver';
import { RestatementResolver, RoundRecordResolver } from '../modules/rounds/round-record.resolver';
import {
  FeedbackResolver,
  FeedbackResponseResolver,
  ObjectiveFeedbackResolver,
} from '../modules/voice/feedback.resolver';
import { FeedbackRedactionResolver } from '../modules/voice/redaction.resolver';
import { RedactionResolver } from '../modules/audit/redaction.resolver';
import { ActionUpdateRedactionResolver } from '../modules/actions/action-update-redaction.resolver';
import {
  FeedbackDecisionRecordResolver,
  FeedbackDecisionResolver,
  FeedbackDigestResolver,
  FeedbackResponseObjectivesResolver,
  RollupFeedbackDecisionsResolver,
} from '../modules/voice/voice-loop.resolver';

/** Every resolver class in the schema. */
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const resolvers: NonEmptyArray<Function> = [
  IdentityResolver,
  AuditResolver,
  StrategyResolver,
  ObjectiveResolver,
  OutcomeResolver,
  OutputResolver,
  IndicatorResolver,
  MeasurementResolver,
  IndicatorTrajectoryResolver,
  MeasurementProvenanceResolver,
  MeasurementRevisionResolver,
  IndicatorTargetResolver,
  TagResolver,
  ReviewResolver,
  RecommendationResolver,
  ActionRecommendationsResolver,
  RecommendationPlanResolver,
  MilestoneResolver,
  ReviewStandingResolver,
  FeedbackResolver,
  FeedbackResponseResolver,
  FeedbackRedactionResolver,
  ActionUpdateRedactionResolver,
  RedactionResolver,
  ObjectiveFeedbackResolver,
  FeedbackDecisionResolver,
  FeedbackDecisionRecordResolver,
  FeedbackResponseObjectivesResolver,
  RollupFeedbackDecisionsResolver,
  FeedbackDigestResolver,
  OperationalGroupResolver,
  ActionResolver,
  ActionUpdateResolver,
  ActionDueDateResolver,
  DueDateChangeResolver,
  ActionPermissionsResolver,
  ...viewerCanResolvers,
  UserPermissionsResolver,
  ObjectiveActionsResolver,
  OutputActionsResolver,
  RollupResolver,
  RollupChangesResolver,
  StrategyChangesResolver,
  IndicatorProgressResolver,
  ActionImportResolver,
  ReportingRoundResolver,
  GroupReturnResolver,
  GroupReturnCountsResolver,
  RoundRecordResolver,
  RestatementResolver,
  NotificationResolver,
];
