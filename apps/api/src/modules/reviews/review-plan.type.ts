import { Field, ID, Int, ObjectType } from 'type-graphql';
import { DateScalar } from '../../graphql/scalars';
import { ActionType } from '../actions/action.type';
import { UserType } from '../identity/user.type';
import { TagType } from '../tags/tag.type';

/** A key milestone of a recommendation's action plan. */
@ObjectType('Milestone')
export class MilestoneType {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  recommendationId: string;

  @Field(() => String)
  title: string;

  @Field(() => DateScalar)
  targetOn: string;

  @Field(() => DateScalar, { nullable: true })
  completedOn: string | null;

  @Field(() => Boolean, { description: 'Not completed and past its target date.' })
  overdue: boolean;

  @Field(() => Int, { description: 'Send back to completeMilestone; a stale one is refused with CONFLICT.' })
  version: number;
}

/** An agency's dated response to a recommendation, and who recorded it. */
@ObjectType('AgencyResponse')
export class AgencyResponseType {
  @Field(() => ID)
  id: string;

  @Field(() => String)
  agency: string;

  @Field(() => DateScalar)
  respondedOn: string;

  @Field(() => String)
  text: string;

  @Field(() => UserType, { nullable: true })
  recordedBy: UserType | null;

  @Field(() => Date)
  createdAt: Date;
}

/** Whom a routed (national or regional) recommendation waits on, and for how long. */
@ObjectType('RoutingWait')
export class RoutingWaitType {
  @Field(() => String, {
    nullable: true,
    description: 'SEND, ACKNOWLEDGEMENT or ANSWER; null once answered.',
  })
  waitingFor: string | null;

  @Field(() => Int, { description: 'Days since it was sent (0 before sending or once answered).' })
  days: number;

  @Field(() => Int, { description: 'Days past the reminder threshold.' })
  daysOverdue: number;

  @Field(() => String, {
    description: 'In words, e.g. "Waiting 40 days for the Home Office\'s acknowledgement".',
  })
  text: string;
}

/** A review's next statutory deadline, or a flag: what is late, by how long, in words. */
@ObjectType('ReviewDeadline')
export class ReviewDeadlineType {
  @Field(() => String, { description: 'E.g. "Decision to review", "Report".' })
  what: string;

  @Field(() => DateScalar)
  dueOn: string;

  @Field(() => Int)
  daysLate: number;

  @Field(() => String, { description: 'E.g. "Decision to review due 3 March 2026, 12 days late".' })
  text: string;
}

/** One theme across reviews and the actions addressing it. */
@ObjectType('ThemeLearning')
export class ThemeLearningType {
  @Field(() => TagType)
  tag: TagType;

  @Field(() => Int)
  reviewCount: number;

  @Field(() => Int)
  recommendationCount: number;

  @Field(() => Int, { description: 'Of those, not yet implemented or assured.' })
  openCount: number;

  @Field(() => [ActionType], { description: 'Empty: no action addresses the theme.' })
  actions: ActionType[];
}
