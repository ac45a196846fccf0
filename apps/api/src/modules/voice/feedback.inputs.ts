import { Field, ID, InputType } from 'type-graphql';
import { DateScalar } from '../../graphql/scalars';
import { FeedbackDecisionFilter } from './voice-loop.enums';

// Rules (lengths, dates, references, the personal-identifier screen) are checked in the service, so
// that direct service calls (the demo loader) get exactly the same BAD_USER_INPUT errors as the API.

@InputType('FeedbackInput')
export class FeedbackInput {
  @Field(() => String, {
    description: 'The forum or group, e.g. "Survivors’ forum". No personal identifiers.',
  })
  forum: string;

  @Field(() => DateScalar, { description: 'Not in the future.' })
  receivedOn: string;

  @Field(() => String, { description: 'Anonymous: no emails, phone numbers, postcodes or NI numbers.' })
  summary: string;

  @Field(() => [ID], {
    nullable: true,
    description: "Objectives of the partnership's strategies it speaks to.",
  })
  objectiveIds?: string[] | null;

  @Field(() => [String], { nullable: true, description: '"kind:slug" tags.' })
  tags?: string[] | null;

  @Field(() => ID, {
    nullable: true,
    description:
      'The forum session (recordForumMeeting) it was said at: same forum, held on or before receivedOn.',
  })
  meetingId?: string | null;
}

@InputType('FeedbackResponseInput')
export class FeedbackResponseInput {
  @Field(() => ID)
  feedbackId: string;

  @Field(() => String, { description: '"You said, we did". No personal identifiers.' })
  response: string;

  @Field(() => [ID], {
    nullable: true,
    description:
      'The actions taken (any number); their facilitators hear when they complete, stop or turn red.',
  })
  actionIds?: string[] | null;

  @Field(() => [ID], { nullable: true, description: 'The objectives the response works through.' })
  objectiveIds?: string[] | null;

  @Field(() => DateScalar, { nullable: true, description: 'Defaults to today; not before receivedOn.' })
  respondedOn?: string | null;
}

@InputType('FeedbackFilter')
export class FeedbackFilter {
  @Field(() => ID, { nullable: true })
  objectiveId?: string | null;

  @Field(() => String, { nullable: true, description: 'The forum name (any case).' })
  forum?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'true: with at least one response; false: none yet.' })
  responded?: boolean | null;

  @Field(() => String, { nullable: true, description: 'A "kind:slug" tag.' })
  tag?: string | null;

  @Field(() => FeedbackDecisionFilter, {
    nullable: true,
    description: 'The decision in force today; UNDECIDED: none yet.',
  })
  decision?: FeedbackDecisionFilter | null;

  @Field(() => DateScalar, { nullable: true, description: 'Received on or after this date.' })
  receivedFrom?: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'Received on or before this date.' })
  receivedTo?: string | null;

  @Field(() => ID, { nullable: true, description: 'Said at this forum meeting.' })
  meetingId?: string | null;
}
