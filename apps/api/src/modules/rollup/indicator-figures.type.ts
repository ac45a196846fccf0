import { Field, Float, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DateScalar } from '../../graphql/scalars';

export enum TrajectoryRating {
  ON_TRACK = 'ON_TRACK',
  WITHIN_TOLERANCE = 'WITHIN_TOLERANCE',
  OFF_TRACK = 'OFF_TRACK',
}

registerEnumType(TrajectoryRating, {
  name: 'TrajectoryRating',
  description:
    "A figure against the target in force at its period: ON_TRACK at or beyond it, WITHIN_TOLERANCE short of it by no more than the indicator's tolerance, OFF_TRACK otherwise.",
});

@ObjectType('IndicatorFigure', {
  description:
    "An indicator's figure for a period, for an area or partnership-wide; a rate's small counts are suppressed.",
})
export class IndicatorFigure {
  @Field(() => String, { nullable: true, description: 'e.g. a borough; null for partnership-wide.' })
  area: string | null;

  @Field(() => DateScalar)
  period: string;

  @Field(() => Float, {
    nullable: true,
    description:
      "The value (a rate's: 100 x numerator / denominator; partnership-wide, the areas' counts summed); null when suppressed.",
  })
  value: number | null;

  @Field(() => Int, { nullable: true, description: "A rate's numerator; null when suppressed." })
  numerator: number | null;

  @Field(() => Int, { nullable: true, description: "A rate's denominator; null when suppressed." })
  denominator: number | null;

  @Field(() => Boolean, {
    description: 'True when a count is fewer than 5: show "fewer than 5", never the numbers.',
  })
  suppressed: boolean;

  @Field(() => Float, {
    nullable: true,
    description: "The target in force at the period (trajectory, else the indicator's target).",
  })
  targetInForce: number | null;

  @Field(() => DateScalar, {
    nullable: true,
    description: 'The date of the trajectory point in force; null when it is the indicator target.',
  })
  targetPeriod: string | null;

  @Field(() => Float, {
    nullable: true,
    description: '(value - baseline) / (targetInForce - baseline) clamped to 0..1; null when undefined.',
  })
  progress: number | null;

  @Field(() => TrajectoryRating, { nullable: true })
  rating: TrajectoryRating | null;
}
