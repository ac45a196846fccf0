import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { DateScalar } from '../../graphql/scalars';
import { DigestStatus, FeedbackDecision } from './voice-loop.enums';

@ObjectType('ForumMeeting', { description: "A forum's session, with its date; feedback may belong to one." })
export class ForumMeetingType {
  @Field(() => ID)
  id: string;

  @Field(() => String)
  forum: string;

  @Field(() => DateScalar)
  heldOn: string;

  @Field(() => Date)
  createdAt: Date;
}

@ObjectType('FeedbackDecisionRecord', {
  description: 'One decision on a piece of feedback; a later one supersedes it from its decidedOn.',
})
export class FeedbackDecisionRecordType {
  @Field(() => ID)
  id: string;

  @Field(() => FeedbackDecision)
  decision: FeedbackDecision;

  @Field(() => String, { nullable: true, description: 'Why (always given for NOT_TAKEN_UP).' })
  reason: string | null;

  @Field(() => DateScalar)
  decidedOn: string;

  @Field(() => Int, { description: "The feedback's version this decision made." })
  feedbackVersion: number;

  @Field(() => Date)
  createdAt: Date;
}

@ObjectType('FeedbackDecisionTally', {
  description: 'Feedback received on or before asOf, by the decision in force on asOf.',
})
export class FeedbackDecisionTallyType {
  @Field(() => DateScalar)
  asOf: string;

  @Field(() => Int)
  total: number;

  @Field(() => Int)
  takenUp: number;

  @Field(() => Int)
  partlyTakenUp: number;

  @Field(() => Int)
  notTakenUp: number;

  @Field(() => Int)
  noted: number;

  @Field(() => Int, { description: 'No decision on or before asOf.' })
  undecided: number;
}

@ObjectType('FeedbackDigest', {
  description:
    '"You said, we did" for one forum and period. Only RELEASED digests are listed; a DRAFT is seen by ' +
    'facilitators and admins only, in preview.',
})
export class FeedbackDigestType {
  @Field(() => ID)
  id: string;

  @Field(() => String)
  forum: string;

  @Field(() => DateScalar)
  periodFrom: string;

  @Field(() => DateScalar)
  periodTo: string;

  @Field(() => DigestStatus)
  status: DigestStatus;

  @Field(() => Date, { nullable: true })
  releasedAt: Date | null;

  @Field(() => Int)
  version: number;

  @Field(() => Date)
  createdAt: Date;
}

@InputType('ForumMeetingInput')
export class ForumMeetingInput {
  @Field(() => String, { description: 'The forum, as feedback names it. No personal identifiers.' })
  forum: string;

  @Field(() => DateScalar, { description: 'Not in the future.' })
  heldOn: string;
}

@InputType('FeedbackDecisionInput')
export class FeedbackDecisionInput {
  @Field(() => ID)
  feedbackId: string;

  @Field(() => Int, { description: "The feedback's version as read: a stale one is refused (CONFLICT)." })
  version: number;

  @Field(() => FeedbackDecision)
  decision: FeedbackDecision;

  @Field(() => String, {
    nullable: true,
    description: 'Required for NOT_TAKEN_UP, in words a forum can hear. No personal identifiers.',
  })
  reason?: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'Defaults to today; not before receivedOn.' })
  decidedOn?: string | null;
}

@InputType('FeedbackDigestInput')
export class FeedbackDigestInput {
  @Field(() => String)
  forum: string;

  @Field(() => DateScalar)
  periodFrom: string;

  @Field(() => DateScalar)
  periodTo: string;
}
