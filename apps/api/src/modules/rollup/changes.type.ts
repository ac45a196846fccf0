import { Field, Float, Int, ObjectType } from 'type-graphql';
import { DateScalar } from '../../graphql/scalars';
import { ActionStatus, Rag } from '../actions/action.enums';
import { ActionType } from '../actions/action.type';
import { RecommendationStatus } from '../reviews/recommendation.entity';
import { RecommendationType } from '../reviews/review.type';
import { IndicatorType } from '../strategy/strategy.type';
import { FeedbackType } from '../voice/feedback.type';

// "What changed" (docs/rollup-rules.md, "What changed"; docs/graphql-contract.md, "Reporting rounds").
// Each line carries its record (action, indicator, recommendation, feedback) so that a client can link
// to it. The records are the entities as their modules return them (their own field resolvers apply).
// simpleResolvers: the lines' own fields are plain values (thousands of lines over a year at size L).

@ObjectType('ActionChange', {
  simpleResolvers: true,
  description: "An action's status and RAG on `from` and on `to`.",
})
export class ActionChange {
  @Field(() => ActionType)
  action: ActionType;

  @Field(() => Rag, { nullable: true })
  fromRag: Rag | null;

  @Field(() => Rag, { nullable: true })
  toRag: Rag | null;

  @Field(() => ActionStatus, { description: 'NOT_STARTED for an action agreed after `from`.' })
  fromStatus: ActionStatus;

  @Field(() => ActionStatus)
  toStatus: ActionStatus;
}

@ObjectType('NewAction', {
  simpleResolvers: true,
  description: 'An action agreed after `from`, as it stands on `to`.',
})
export class NewAction {
  @Field(() => ActionType)
  action: ActionType;

  @Field(() => DateScalar)
  agreedOn: string;

  @Field(() => ActionStatus)
  status: ActionStatus;

  @Field(() => Rag, { nullable: true })
  rag: Rag | null;

  @Field(() => DateScalar, { nullable: true, description: 'The due date in force on `to`.' })
  dueOn: string | null;
}

@ObjectType('OverdueAction', {
  simpleResolvers: true,
  description: 'An action overdue on `to` that was not overdue on `from` (or was agreed after it).',
})
export class OverdueAction {
  @Field(() => ActionType)
  action: ActionType;

  @Field(() => DateScalar, { description: 'The due date in force on `to`.' })
  dueOn: string;

  @Field(() => ActionStatus)
  status: ActionStatus;
}

@ObjectType('DueDateRevision', {
  simpleResolvers: true,
  description:
    "An action's due date in force on `from` and on `to` (its due-date history), when they differ.",
})
export class DueDateRevision {
  @Field(() => ActionType)
  action: ActionType;

  @Field(() => DateScalar, { nullable: true })
  fromDueOn: string | null;

  @Field(() => DateScalar, { nullable: true })
  toDueOn: string | null;

  @Field(() => DateScalar, { description: 'The day of the last revision in the window.' })
  revisedOn: string;
}

@ObjectType('IndicatorChange', {
  simpleResolvers: true,
  description: 'An indicator with partnership-wide values for periods after `from`, up to `to`.',
})
export class IndicatorChange {
  @Field(() => IndicatorType)
  indicator: IndicatorType;

  @Field(() => Int, { description: 'How many new values (periods in the window).' })
  newValues: number;

  @Field(() => Float, { nullable: true, description: 'The latest value for a period on or before `from`.' })
  fromValue: number | null;

  @Field(() => DateScalar, { nullable: true })
  fromPeriod: string | null;

  @Field(() => Float, { description: 'The latest new value.' })
  toValue: number;

  @Field(() => DateScalar)
  toPeriod: string;
}

@ObjectType('RecommendationChange', {
  simpleResolvers: true,
  description: "A recommendation's status on `from` and on `to` (by the day each change took effect).",
})
export class RecommendationChange {
  @Field(() => RecommendationType)
  recommendation: RecommendationType;

  @Field(() => RecommendationStatus)
  fromStatus: RecommendationStatus;

  @Field(() => RecommendationStatus)
  toStatus: RecommendationStatus;
}

@ObjectType('FeedbackAnswered', {
  simpleResolvers: true,
  description: 'Survivor feedback first answered after `from`, up to `to`.',
})
export class FeedbackAnswered {
  @Field(() => FeedbackType)
  feedback: FeedbackType;

  @Field(() => DateScalar)
  receivedOn: string;

  @Field(() => DateScalar, { description: 'The day of its first response.' })
  respondedOn: string;
}

@ObjectType('RollupChanges', {
  simpleResolvers: true,
  description:
    'What changed in a strategy after `from` up to and including `to`: the difference between the roll-ups as of the two dates, line by line.',
})
export class RollupChanges {
  @Field(() => DateScalar)
  from: string;

  @Field(() => DateScalar)
  to: string;

  @Field(() => [ActionChange], {
    description: 'Actions counted on both dates whose RAG or status changed, by ref.',
  })
  actions: ActionChange[];

  @Field(() => [NewAction], { description: 'Actions agreed after `from`, oldest first.' })
  newActions: NewAction[];

  @Field(() => [ActionChange], { description: 'Actions COMPLETE on `to` and not on `from`, by ref.' })
  newlyCompleted: ActionChange[];

  @Field(() => [OverdueAction], { description: 'Actions newly overdue, soonest due first.' })
  newlyOverdue: OverdueAction[];

  @Field(() => [DueDateRevision], { description: 'Due dates revised in the window, by ref.' })
  dueDateRevisions: DueDateRevision[];

  @Field(() => [IndicatorChange], { description: 'Indicators with new values, by name.' })
  indicators: IndicatorChange[];

  @Field(() => [RecommendationChange], {
    description:
      'Recommendations whose status changed (confidential reviews only for those who may see them).',
  })
  recommendations: RecommendationChange[];

  @Field(() => [FeedbackAnswered], {
    description: 'Feedback first answered in the window, oldest answer first.',
  })
  feedbackAnswered: FeedbackAnswered[];
}
