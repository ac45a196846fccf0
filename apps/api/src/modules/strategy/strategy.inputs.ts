import { Field, Float, ID, InputType, Int } from 'type-graphql';
import { DateScalar } from '../../graphql/scalars';

// Rules (lengths, dates, thresholds, references) are checked in StrategyService, so that they hold
// for every caller (the API, the demo loader, imports), with errors naming these input fields.

@InputType()
export class StrategyInput {
  @Field(() => String)
  title: string;

  @Field(() => String, { nullable: true })
  vision?: string | null;

  @Field(() => DateScalar, { nullable: true })
  startsOn?: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'Not before startsOn.' })
  endsOn?: string | null;

  @Field(() => Float, { nullable: true, description: '0..1; default 0.8.' })
  greenThreshold?: number | null;

  @Field(() => Float, { nullable: true, description: '0..greenThreshold; default 0.5.' })
  amberThreshold?: number | null;

  @Field(() => Int, { nullable: true, description: 'Default 90.' })
  updateCadenceDays?: number | null;
}

/** Changes to a strategy: absent fields are left as they are. */
@InputType()
export class StrategyPatch {
  @Field(() => String, { nullable: true })
  title?: string | null;

  @Field(() => String, { nullable: true })
  vision?: string | null;

  @Field(() => DateScalar, { nullable: true })
  startsOn?: string | null;

  @Field(() => DateScalar, { nullable: true })
  endsOn?: string | null;

  @Field(() => Float, { nullable: true })
  greenThreshold?: number | null;

  @Field(() => Float, { nullable: true })
  amberThreshold?: number | null;

  @Field(() => Int, { nullable: true })
  updateCadenceDays?: number | null;

  @Field(() => Int, { nullable: true, description: 'Days before returnsDueOn to remind groups (0..90).' })
  reminderDaysBefore?: number | null;

  @Field(() => Int, {
    nullable: true,
    description: 'Days after the overdue reminder to tell the leads (1..90).',
  })
  escalateAfterDays?: number | null;
}

@InputType()
export class ObjectiveInput {
  @Field(() => ID)
  strategyId: string;

  @Field(() => String, { description: 'e.g. "O1"; unique within the strategy.' })
  code: string;

  @Field(() => String)
  title: string;

  @Field(() => String, { nullable: true })
  description?: string | null;

  @Field(() => Int, { nullable: true, description: 'Display order; default after the last.' })
  position?: number | null;
}

@InputType()
export class ObjectivePatch {
  @Field(() => String, { nullable: true })
  code?: string | null;

  @Field(() => String, { nullable: true })
  title?: string | null;

  @Field(() => String, { nullable: true })
  description?: string | null;

  @Field(() => Int, { nullable: true })
  position?: number | null;
}

/**
 * What an outcome and an output of an objective are created with, before their own fields. Decorated
 * so that type-graphql gives its fields to each subclass; no argument takes it, so the schema has no
 * type of this name (schema.graphql is as it was).
 */
@InputType()
abstract class ObjectiveChildInput {
  @Field(() => ID)
  objectiveId: string;

  @Field(() => String)
  title: string;

  @Field(() => String, { nullable: true })
  description?: string | null;
}

@InputType()
export class OutcomeInput extends ObjectiveChildInput {
  @Field(() => Int, { nullable: true })
  position?: number | null;
}

@InputType()
export class OutputInput extends ObjectiveChildInput {
  @Field(() => [ID], { nullable: true, description: 'Outcomes of the same objective it contributes to.' })
  outcomeIds?: string[] | null;

  @Field(() => Int, { nullable: true })
  position?: number | null;
}

/** What a patch of an outcome or an output may change, before their own fields (as ObjectiveChildInput). */
@InputType()
abstract class ObjectiveChildPatch {
  @Field(() => String, { nullable: true })
  title?: string | null;

  @Field(() => String, { nullable: true })
  description?: string | null;
}

@InputType()
export class OutcomePatch extends ObjectiveChildPatch {
  @Field(() => Int, { nullable: true })
  position?: number | null;
}

@InputType()
export class OutputPatch extends ObjectiveChildPatch {
  @Field(() => [ID], { nullable: true, description: 'Replaces the set of outcomes when given.' })
  outcomeIds?: string[] | null;

  @Field(() => Int, { nullable: true })
  position?: number | null;
}

@InputType()
export class IndicatorInput {
  @Field(() => ID)
  outcomeId: string;

  @Field(() => String)
  name: string;

  @Field(() => String, { nullable: true, description: 'e.g. "%", "reports", "days".' })
  unit?: string | null;

  @Field(() => Float, { nullable: true })
  baseline?: number | null;

  @Field(() => Float, { nullable: true, description: 'Below the baseline when lower is better.' })
  target?: number | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'A rate: measurements give a numerator and a denominator (value = their percentage).',
  })
  isRate?: boolean | null;

  @Field(() => Float, {
    nullable: true,
    description: 'How far short of the target in force (in the unit) is still within tolerance; default 0.',
  })
  tolerance?: number | null;
}

@InputType()
export class IndicatorPatch {
  @Field(() => String, { nullable: true })
  name?: string | null;

  @Field(() => String, { nullable: true })
  unit?: string | null;

  @Field(() => Float, { nullable: true })
  baseline?: number | null;

  @Field(() => Float, { nullable: true })
  target?: number | null;

  @Field(() => Boolean, { nullable: true, description: 'Only while the indicator has no measurements.' })
  isRate?: boolean | null;

  @Field(() => Float, { nullable: true })
  tolerance?: number | null;
}

@InputType()
export class MeasurementInput {
  @Field(() => ID)
  indicatorId: string;

  @Field(() => DateScalar, { description: 'The period the value is for (e.g. its first or last day).' })
  period: string;

  @Field(() => Float, { nullable: true, description: 'Required, except for a rate (it is then computed).' })
  value?: number | null;

  @Field(() => Int, { nullable: true, description: "A rate's numerator (a count, 0 to denominator)." })
  numerator?: number | null;

  @Field(() => Int, { nullable: true, description: "A rate's denominator (a count, at least 1)." })
  denominator?: number | null;

  @Field(() => String, { nullable: true, description: 'Where the value comes from.' })
  source?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'e.g. a borough; absent or null for partnership-wide.',
  })
  area?: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      "An admin's reason for restating a closed period (docs/rollup-rules.md): required when the date falls on or before a closed round's date; the round lists the restatement.",
  })
  restatementReason?: string | null;
}

@InputType()
export class IndicatorTargetInput {
  @Field(() => ID)
  indicatorId: string;

  @Field(() => DateScalar, { description: 'The date by which the value is to be reached.' })
  period: string;

  @Field(() => Float)
  value: number;

  @Field(() => String, {
    nullable: true,
    description: 'e.g. a borough; absent or null for partnership-wide.',
  })
  area?: string | null;
}
