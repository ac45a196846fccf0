import { Field, ID, InputType, Int } from 'type-graphql';
import { DateScalar } from '../../graphql/scalars';
import { Rag } from '../actions/action.enums';
import { RecommendationScope } from './recommendation.entity';

// Rules (lengths, dates, personal identifiers) are checked in the services: see review-action-plan.service.ts.

/** Changes to a recommendation's action plan row: absent fields are left alone; null clears one. */
@InputType('RecommendationPlanInput')
export class RecommendationPlanInput {
  @Field(() => ID)
  id: string;

  @Field(() => Int, { description: 'The version read; a stale one is refused with CONFLICT.' })
  version: number;

  @Field(() => String, { nullable: true, description: "The action to take, in the plan's words." })
  planAction?: string | null;

  @Field(() => String, { nullable: true, description: 'The lead agency.' })
  agency?: string | null;

  @Field(() => RecommendationScope, { nullable: true })
  scope?: RecommendationScope | null;

  @Field(() => Rag, { nullable: true, description: 'Progress rating.' })
  progressRating?: Rag | null;

  @Field(() => DateScalar, { nullable: true, description: 'When it was completed; not in the future.' })
  completedOn?: string | null;

  @Field(() => String, { nullable: true, description: 'What changed as a result.' })
  outcome?: string | null;
}

@InputType('MilestoneInput')
export class MilestoneInput {
  @Field(() => ID)
  recommendationId: string;

  @Field(() => String)
  title: string;

  @Field(() => DateScalar)
  targetOn: string;
}

@InputType('CompleteMilestoneInput')
export class CompleteMilestoneInput {
  @Field(() => ID)
  id: string;

  @Field(() => Int, { description: 'The version read; a stale one is refused with CONFLICT.' })
  version: number;

  @Field(() => DateScalar, { nullable: true, description: 'Default today; not in the future.' })
  completedOn?: string | null;
}

@InputType('AgencyResponseInput')
export class AgencyResponseInput {
  @Field(() => ID)
  recommendationId: string;

  @Field(() => String, { description: 'The agency that responded.' })
  agency: string;

  @Field(() => DateScalar, { description: 'The date of the response; not in the future.' })
  respondedOn: string;

  @Field(() => String, { description: 'What the agency said.' })
  text: string;
}

/** A national or regional recommendation's routing: absent fields are left alone; null clears one. */
@InputType('RecommendationRoutingInput')
export class RecommendationRoutingInput {
  @Field(() => ID)
  id: string;

  @Field(() => Int, { description: 'The version read; a stale one is refused with CONFLICT.' })
  version: number;

  @Field(() => String, {
    nullable: true,
    description: 'Home Office, a department, NHS England, a national agency.',
  })
  addressedTo?: string | null;

  @Field(() => DateScalar, { nullable: true })
  sentOn?: string | null;

  @Field(() => DateScalar, { nullable: true })
  acknowledgedOn?: string | null;

  @Field(() => DateScalar, { nullable: true })
  answeredOn?: string | null;

  @Field(() => String, { nullable: true, description: 'The answer received.' })
  answer?: string | null;
}
