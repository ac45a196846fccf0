import { Field, ID, ObjectType } from 'type-graphql';
import { DateScalar } from '../../graphql/scalars';

/**
 * A correction recorded against a closed period (docs/rollup-rules.md, "Closed periods and
 * restatements"): what was written, by whom, when and why. `by` is a field resolver.
 */
@ObjectType('Restatement', {
  description: "A correction an admin recorded against a closed round's period after the board saw it.",
})
export class RestatementType {
  @Field(() => ID)
  id: string;

  @Field(() => String, { description: 'Action, Recommendation or Indicator.' })
  entityType: string;

  @Field(() => ID)
  entityId: string;

  @Field(() => String, { description: 'Why it was restated (required).' })
  reason: string;

  byId: string;

  @Field(() => Date, { description: 'When the correction was recorded.' })
  at: Date;

  @Field(() => String, { description: 'The date field that fell in the closed period.' })
  field: string;

  @Field(() => DateScalar, { description: 'The date (or period) the correction is dated.' })
  effectiveOn: string;

  @Field(() => String, { description: 'What was corrected, in words.' })
  what: string;

  @Field(() => String, { nullable: true, description: 'The value as of that date before the correction.' })
  fromValue: string | null;

  @Field(() => String, { nullable: true, description: 'The corrected value.' })
  toValue: string | null;
}

@ObjectType('RecordedReturn', { description: "A group's return as it stood when the round was closed." })
export class RecordedReturnType {
  @Field(() => ID)
  groupId: string;

  @Field(() => String)
  groupName: string;

  @Field(() => String, { description: 'The return status at closing (a ReturnStatus value).' })
  status: string;

  @Field(() => Boolean)
  approved: boolean;

  @Field(() => Date, { nullable: true })
  decidedAt: Date | null;
}
