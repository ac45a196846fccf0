import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { DateScalar } from '../../graphql/scalars';

@ObjectType('IndicatorTarget', {
  description:
    "One point of an indicator's trajectory: the value to reach by a date, optionally for an area.",
})
export class IndicatorTargetType {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  indicatorId: string;

  @Field(() => DateScalar, { description: 'The date by which the value is to be reached.' })
  period: string;

  @Field(() => Float)
  value: number;

  /** Stored as '' for partnership-wide; the GraphQL `area` is a field resolver showing it as null. */
  area: string;
}

@ObjectType('MeasurementRevision', {
  description: 'An earlier value of a measurement, as it was before a correction replaced it.',
})
export class MeasurementRevisionType {
  @Field(() => ID)
  id: string;

  @Field(() => Float)
  value: number;

  @Field(() => Int, { nullable: true })
  numerator: number | null;

  @Field(() => Int, { nullable: true })
  denominator: number | null;

  @Field(() => String)
  source: string;

  @Field(() => Date, { description: 'When this earlier value had been recorded.' })
  recordedAt: Date;

  @Field(() => Date, { description: 'When the correction replaced it.' })
  replacedAt: Date;

  /** User ids: `recordedBy` and `replacedBy` are field resolvers giving the users. */
  recordedBy: string | null;
  replacedBy: string | null;
}
