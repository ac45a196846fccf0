import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { PageInfo } from '../../shared/paging';
import { DateScalar } from '../../graphql/scalars';
import { TagType } from '../tags/tag.type';
import { UserType } from '../identity/user.type';
import { Rag } from '../actions/action.enums';
import { RecommendationScope, RecommendationStatus } from './recommendation.entity';
import { QaOutcome, ReviewKind } from './review.entity';

registerEnumType(ReviewKind, {
  name: 'ReviewKind',
  description:
    'DHR: Domestic Homicide Review (also Domestic Abuse Related Death Review); SAR: Safeguarding Adults Review; ' +
    'CSPR: Child Safeguarding Practice Review.',
});
registerEnumType(QaOutcome, {
  name: 'QaOutcome',
  description: "The Home Office Quality Assurance Panel's outcome.",
});
registerEnumType(RecommendationScope, { name: 'RecommendationScope' });
registerEnumType(RecommendationStatus, {
  name: 'RecommendationStatus',
  description: 'OPEN -> IN_PROGRESS -> IMPLEMENTED -> ASSURED (ASSURED needs evidence).',
});

/**
 * A statutory review. Plain columns here; decisionLate, reportLate and recommendations are field
 * resolvers (review.resolver.ts), so any visible ReviewEntity row resolves them the same way.
 */
@ObjectType('Review')
export class ReviewType {
  @Field(() => ID)
  id: string;

  @Field(() => ReviewKind)
  kind: ReviewKind;

  @Field(() => String, { description: 'Unique within the partnership, e.g. "DHR-2019-03".' })
  ref: string;

  @Field(() => String)
  area: string;

  @Field(() => String)
  title: string;

  @Field(() => String, {
    nullable: true,
    description: 'The agreed pseudonym; reviews never hold real names.',
  })
  pseudonym: string | null;

  @Field(() => DateScalar, { nullable: true })
  commissionedOn: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'When the police notified the partnership.' })
  notifiedOn: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'The decision to hold a review.' })
  decidedOn: string | null;

  @Field(() => DateScalar, { nullable: true })
  panelStartedOn: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'Submitted to the Home Office QA Panel.' })
  submittedOn: string | null;

  @Field(() => QaOutcome, { nullable: true })
  qaOutcome: QaOutcome | null;

  @Field(() => DateScalar, { nullable: true })
  qaOn: string | null;

  @Field(() => DateScalar, { nullable: true })
  publishedOn: string | null;

  @Field(() => Boolean, { description: 'Visible only to ADMIN and DHR_PANEL while true.' })
  confidential: boolean;

  @Field(() => Int, { description: 'Send back to updateReview; a stale version is refused with CONFLICT.' })
  version: number;

  @Field(() => Date)
  createdAt: Date;

  @Field(() => Date)
  updatedAt: Date;
}

/** A review's recommendation; review, tags, actions, history and overdue are field resolvers. */
@ObjectType('Recommendation')
export class RecommendationType {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  reviewId: string;

  @Field(() => String, { description: 'Unique within the review, e.g. "R3".' })
  ref: string;

  @Field(() => String)
  text: string;

  @Field(() => String, { description: 'The lead agency.' })
  agency: string;

  @Field(() => RecommendationScope)
  scope: RecommendationScope;

  @Field(() => DateScalar, { nullable: true })
  dueOn: string | null;

  @Field(() => RecommendationStatus)
  status: RecommendationStatus;

  @Field(() => String, { nullable: true, description: 'Evidence given with the latest status change.' })
  evidence: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'When the review made it.' })
  madeOn: string | null;

  @Field(() => String, { nullable: true, description: "The action plan's action to take." })
  planAction: string | null;

  @Field(() => Rag, { nullable: true, description: 'Progress rating.' })
  progressRating: Rag | null;

  @Field(() => DateScalar, { nullable: true })
  completedOn: string | null;

  @Field(() => String, { nullable: true, description: 'What changed as a result.' })
  outcome: string | null;

  @Field(() => String, { nullable: true, description: 'National/regional: the body it is addressed to.' })
  addressedTo: string | null;

  @Field(() => DateScalar, { nullable: true })
  sentOn: string | null;

  @Field(() => DateScalar, { nullable: true })
  acknowledgedOn: string | null;

  @Field(() => DateScalar, { nullable: true })
  answeredOn: string | null;

  @Field(() => String, { nullable: true })
  answer: string | null;

  @Field(() => Int, {
    description:
      'Send back to updateRecommendationPlan and updateRecommendationRouting (required) or setRecommendationStatus (optional).',
  })
  version: number;

  @Field(() => Date)
  createdAt: Date;

  @Field(() => Date)
  updatedAt: Date;
}

/** One entry of a recommendation's status history (the first has fromStatus null: it was added). */
@ObjectType('RecommendationStatusChange')
export class RecommendationStatusChangeType {
  @Field(() => ID)
  id: string;

  @Field(() => RecommendationStatus, { nullable: true })
  fromStatus: RecommendationStatus | null;

  @Field(() => RecommendationStatus)
  toStatus: RecommendationStatus;

  @Field(() => String, { nullable: true })
  evidence: string | null;

  @Field(() => UserType, { nullable: true, description: 'Who made the change (null for system loads).' })
  changedBy: UserType | null;

  @Field(() => Date)
  changedAt: Date;

  @Field(() => DateScalar, { description: 'The day the change took effect (may be back-dated).' })
  effectiveOn: string;
}

@ObjectType('RecommendationEdge')
export class RecommendationEdge {
  @Field(() => String)
  cursor: string;

  @Field(() => RecommendationType)
  node: RecommendationType;
}

@ObjectType('RecommendationConnection')
export class RecommendationConnection {
  @Field(() => [RecommendationEdge])
  edges: RecommendationEdge[];

  @Field(() => PageInfo)
  pageInfo: PageInfo;

  @Field(() => Int, { description: 'All visible recommendations matching the filter, across pages.' })
  totalCount: number;
}

/** The thematic action plan across reviews: one theme and how many recommendations carry it. */
@ObjectType('RecommendationThemeCount')
export class RecommendationThemeCount {
  @Field(() => TagType)
  tag: TagType;

  @Field(() => Int, { description: 'Visible recommendations carrying the theme.' })
  total: number;

  @Field(() => Int, { description: 'Of those, how many are not yet IMPLEMENTED or ASSURED.' })
  open: number;
}
