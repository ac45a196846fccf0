import { Field, ID, InputType, Int } from 'type-graphql';
import { DateScalar } from '../../graphql/scalars';
import { RecommendationScope, RecommendationStatus } from './recommendation.entity';
import { QaOutcome, ReviewKind } from './review.entity';

// Rules (lengths, date order, references) are checked in the services, so that direct service calls
// (the demo loader) get exactly the same BAD_USER_INPUT errors as the API.

@InputType('ReviewInput')
export class ReviewInput {
  @Field(() => ReviewKind)
  kind: ReviewKind;

  @Field(() => String, { description: 'Unique within the partnership.' })
  ref: string;

  @Field(() => String, { nullable: true })
  area?: string | null;

  @Field(() => String)
  title: string;

  @Field(() => String, { nullable: true, description: 'A pseudonym only; never a real name.' })
  pseudonym?: string | null;

  @Field(() => DateScalar, { nullable: true })
  commissionedOn?: string | null;

  @Field(() => DateScalar, { nullable: true })
  notifiedOn?: string | null;

  @Field(() => DateScalar, { nullable: true })
  decidedOn?: string | null;

  @Field(() => DateScalar, { nullable: true })
  panelStartedOn?: string | null;

  @Field(() => DateScalar, { nullable: true })
  submittedOn?: string | null;

  @Field(() => QaOutcome, { nullable: true })
  qaOutcome?: QaOutcome | null;

  @Field(() => DateScalar, { nullable: true })
  qaOn?: string | null;

  @Field(() => DateScalar, { nullable: true })
  publishedOn?: string | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'Defaults to true, or to false when publishedOn is given.',
  })
  confidential?: boolean | null;
}

/** Changes to a review: absent fields are left alone; null clears an optional field. */
@InputType('ReviewPatch')
export class ReviewPatch {
  @Field(() => ReviewKind, { nullable: true })
  kind?: ReviewKind | null;

  @Field(() => String, { nullable: true })
  ref?: string | null;

  @Field(() => String, { nullable: true })
  area?: string | null;

  @Field(() => String, { nullable: true })
  title?: string | null;

  @Field(() => String, { nullable: true })
  pseudonym?: string | null;

  @Field(() => DateScalar, { nullable: true })
  commissionedOn?: string | null;

  @Field(() => DateScalar, { nullable: true })
  notifiedOn?: string | null;

  @Field(() => DateScalar, { nullable: true })
  decidedOn?: string | null;

  @Field(() => DateScalar, { nullable: true })
  panelStartedOn?: string | null;

  @Field(() => DateScalar, { nullable: true })
  submittedOn?: string | null;

  @Field(() => QaOutcome, { nullable: true })
  qaOutcome?: QaOutcome | null;

  @Field(() => DateScalar, { nullable: true })
  qaOn?: string | null;

  @Field(() => DateScalar, {
    nullable: true,
    description: 'Publishing makes the review non-confidential unless confidential is given too.',
  })
  publishedOn?: string | null;

  @Field(() => Boolean, { nullable: true })
  confidential?: boolean | null;
}

@InputType('RecommendationInput')
export class RecommendationInput {
  @Field(() => ID)
  reviewId: string;

  @Field(() => String, { description: 'Unique within the review.' })
  ref: string;

  @Field(() => String)
  text: string;

  @Field(() => String, { nullable: true, description: 'The lead agency.' })
  agency?: string | null;

  @Field(() => RecommendationScope, { nullable: true, description: 'LOCAL when not given.' })
  scope?: RecommendationScope | null;

  @Field(() => DateScalar, { nullable: true })
  dueOn?: string | null;

  @Field(() => DateScalar, {
    nullable: true,
    description: 'When the review made it (default today); not in the future.',
  })
  madeOn?: string | null;

  @Field(() => [String], { nullable: true, description: '"kind:slug" tags, e.g. theme:information-sharing.' })
  tags?: string[] | null;
}

@InputType('RecommendationStatusInput')
export class RecommendationStatusInput {
  @Field(() => ID)
  id: string;

  @Field(() => RecommendationStatus)
  status: RecommendationStatus;

  @Field(() => String, {
    nullable: true,
    description: 'Required for ASSURED and for any move backwards (re-opening).',
  })
  evidence?: string | null;

  @Field(() => Int, { nullable: true, description: 'When given, a stale version is refused with CONFLICT.' })
  version?: number | null;

  @Field(() => DateScalar, {
    nullable: true,
    description:
      'The day the change took effect (default today): not in the future, not before the recommendation was made.',
  })
  effectiveOn?: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      "An admin's reason for restating a closed period (docs/rollup-rules.md): required when the date falls on or before a closed round's date; the round lists the restatement.",
  })
  restatementReason?: string | null;
}

@InputType('RecommendationFilter')
export class RecommendationFilter {
  @Field(() => ID, { nullable: true })
  reviewId?: string | null;

  @Field(() => ReviewKind, { nullable: true })
  kind?: ReviewKind | null;

  @Field(() => String, { nullable: true })
  agency?: string | null;

  @Field(() => RecommendationScope, { nullable: true })
  scope?: RecommendationScope | null;

  @Field(() => [RecommendationStatus], { nullable: true, description: 'Any of these statuses.' })
  status?: RecommendationStatus[] | null;

  @Field(() => String, {
    nullable: true,
    description: 'A "kind:slug" tag, or a bare slug meaning theme:slug.',
  })
  theme?: string | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'true: only overdue (dueOn before today, OPEN or IN_PROGRESS); false: only not overdue.',
  })
  overdue?: boolean | null;
}
