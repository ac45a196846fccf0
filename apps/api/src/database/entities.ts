import { ActionImportEntity } from '../modules/action-plan/action-import.entity';
import { ActionDueDateEntity } from '../modules/actions/action-due-date.entity';
import { ActionUpdateEntity } from '../modules/actions/action-update.entity';
import { ActionEntity, ActionTagEntity } from '../modules/actions/action.entity';
import { OperationalGroupEntity } from '../modules/actions/operational-group.entity';
import { AuditEntryEntity } from '../modules/audit/audit-entry.entity';
import { MembershipEntity } from '../modules/identity/membership.entity';
import { PartnershipEntity } from '../modules/identity/partnership.entity';
import { SessionEntity } from '../modules/identity/session.entity';
import { SignInFailureEntity } from '../modules/identity/sign-in-failure.entity';
import { UserEntity } from '../modules/identity/user.entity';
import { MessageEntity } from '../modules/notifications/message.entity';
import {
  RecommendationActionEntity,
  RecommendationEntity,
  RecommendationStatusChangeEntity,
  RecommendationTagEntity,
} from '../modules/reviews/recommendation.entity';
import { ReviewEntity } from '../modules/reviews/review.entity';
import { MilestoneEntity } from '../modules/reviews/milestone.entity';
import { AgencyResponseEntity } from '../modules/reviews/agency-response.entity';
import { GroupReturnEntity } from '../modules/rounds/group-return.entity';
import { ReportingRoundEntity } from '../modules/rounds/reporting-round.entity';
import { IndicatorEntity } from '../modules/strategy/indicator.entity';
import { MeasurementEntity } from '../modules/strategy/measurement.entity';
import { MeasurementRevisionEntity } from '../modules/strategy/measurement-revision.entity';
import { IndicatorTargetEntity } from '../modules/strategy/indicator-target.entity';
import { ObjectiveEntity } from '../modules/strategy/objective.entity';
import { OutcomeEntity } from '../modules/strategy/outcome.entity';
import { OutputEntity, OutputOutcomeEntity } from '../modules/strategy/output.entity';
import { StrategyEntity } from '../modules/strategy/strategy.entity';
import { TagEntity } from '../modules/tags/tag.entity';
import {
  FeedbackEntity,
  FeedbackObjectiveEntity,
  FeedbackResponseActionEntity,
  FeedbackResponseEntity,
  FeedbackTagEntity,
} from '../modules/voice/feedback.entity';
import {
  FeedbackDecisionEntity,
  FeedbackDigestEntity,
  FeedbackResponseObjectiveEntity,
  ForumMeetingEntity,
} from '../modules/voice/voice-loop.entity';

/** Every TypeORM entity; the DataSource and the migration drift check both use this list. */
export const entities = [
  PartnershipEntity,
  UserEntity,
  SessionEntity,
  SignInFailureEntity,
  MembershipEntity,
  AuditEntryEntity,
  TagEntity,
  StrategyEntity,
  ObjectiveEntity,
  OutcomeEntity,
  OutputEntity,
  OutputOutcomeEntity,
  IndicatorEntity,
  MeasurementEntity,
  MeasurementRevisionEntity,
  IndicatorTargetEntity,
  OperationalGroupEntity,
  ActionEntity,
  ActionTagEntity,
  ActionUpdateEntity,
  ActionDueDateEntity,
  ReviewEntity,
  RecommendationEntity,
  RecommendationTagEntity,
  RecommendationActionEntity,
  RecommendationStatusChangeEntity,
  MilestoneEntity,
  AgencyResponseEntity,
  FeedbackEntity,
  FeedbackObjectiveEntity,
  FeedbackTagEntity,
  ForumMeetingEntity,
  FeedbackDecisionEntity,
  FeedbackResponseObjectiveEntity,
  FeedbackDigestEntity,
  FeedbackResponseEntity,
  FeedbackResponseActionEntity,
  ActionImportEntity,
  ReportingRoundEntity,
  GroupReturnEntity,
  MessageEntity,
];
