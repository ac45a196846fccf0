import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { DateScalar } from '../../graphql/scalars';

/**
 * The GraphQL faces of the theory of change. Plain fields only here; relation fields
 * (Strategy.objectives, Objective.outcomes, ...) are added by field resolvers in strategy.resolver.ts,
 * batched per request by strategy.loaders.ts.
 */
@ObjectType('Strategy', {
  description: "A partnership's strategy: its vision, period and RAG thresholds.",
  simpleResolvers: true,
})
export class StrategyType {
  @Field(() => ID)
  id: string;

  @Field(() => String)
  title: string;

  @Field(() => String)
  vision: string;

  @Field(() => DateScalar, { nullable: true })
  startsOn: string | null;

  @Field(() => DateScalar, { nullable: true })
  endsOn: string | null;

  @Field(() => Float, { description: 'A score at or above this is GREEN (0..1).' })
  greenThreshold: number;

  @Field(() => Float, { description: 'A score at or above this (and below green) is AMBER (0..1).' })
  amberThreshold: number;

  @Field(() => Int, { description: 'An open action with no update for longer than this is stale.' })
  updateCadenceDays: number;

  @Field(() => Int, {
    description: "Reporting rounds: how many days before a round's returnsDueOn groups are reminded.",
  })
  reminderDaysBefore: number;

  @Field(() => Int, {
    description:
      'Reporting rounds: how many days after the overdue reminder the strategic leads are told of a return not yet submitted.',
  })
  escalateAfterDays: number;

  @Field(() => Int)
  version: number;
}

@ObjectType('Objective', {
  description: 'A strategic objective or priority of a strategy.',
  simpleResolvers: true,
})
export class ObjectiveType {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  strategyId: string;

  @Field(() => String, { description: 'Short code, e.g. "O1"; unique within the strategy.' })
  code: string;

  @Field(() => String)
  title: string;

  @Field(() => String)
  description: string;

  @Field(() => Int, { description: 'Display order within the strategy.' })
  position: number;

  @Field(() => Int)
  version: number;
}

@ObjectType('Outcome', {
  description: '"What difference will this make?" An outcome of an objective.',
  simpleResolvers: true,
})
export class OutcomeType {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  objectiveId: string;

  @Field(() => String)
  title: string;

  @Field(() => String)
  description: string;

  @Field(() => Int)
  position: number;

  @Field(() => Int)
  version: number;
}

@ObjectType('Output', {
  description: '"How will we achieve our outcome?" Contributes to outcomes of its own objective.',
  simpleResolvers: true,
})
export class OutputType {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  objectiveId: string;

  @Field(() => String)
  title: string;

  @Field(() => String)
  description: string;

  @Field(() => Int)
  position: number;

  @Field(() => Int)
  version: number;
}

@ObjectType('Indicator', {
  description: 'Measures an outcome against a baseline and a target.',
  simpleResolvers: true,
})
export class IndicatorType {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  outcomeId: string;

  @Field(() => String)
  name: string;

  @Field(() => String)
  unit: string;

  @Field(() => Float, { nullable: true })
  baseline: number | null;

  @Field(() => Float, { nullable: true })
  target: number | null;

  @Field(() => Boolean, { description: 'A rate: measured as numerator over denominator (a percentage).' })
  isRate: boolean;

  @Field(() => Float, {
    description: 'How far short of the target in force (in the unit) is still WITHIN_TOLERANCE.',
  })
  tolerance: number;

  // lowerIsBetter (target < baseline) is a field resolver in strategy.resolver.ts, so that it also works on
  // plain IndicatorEntity rows returned by other modules (e.g. the roll-up).

  @Field(() => Int)
  version: number;
}

@ObjectType('Measurement', { description: 'One value of an indicator for a period, optionally for an area.' })
export class MeasurementType {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  indicatorId: string;

  @Field(() => DateScalar)
  period: string;

  @Field(() => Float)
  value: number;

  @Field(() => Int, { nullable: true, description: "A rate's numerator; null for other indicators." })
  numerator: number | null;

  @Field(() => Int, { nullable: true })
  denominator: number | null;

  @Field(() => String, { description: 'Where the value comes from ("" when not given).' })
  source: string;

  /**
   * Stored as '' for partnership-wide. Not a @Field: the GraphQL `area` field is a field resolver in
   * strategy.resolver.ts that shows '' as null, whatever object (entity or plain row) reaches it.
   */
  area: string;

  @Field(() => Date)
  recordedAt: Date;
}
