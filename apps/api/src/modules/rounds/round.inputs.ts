import { Field, ID, InputType } from 'type-graphql';
import { DateScalar } from '../../graphql/scalars';

@InputType()
export class ReportingRoundInput {
  @Field(() => ID)
  strategyId: string;

  @Field(() => String, { description: 'e.g. "Quarter 2 2026/27".' })
  title: string;

  @Field(() => DateScalar, {
    description: 'The last day of the period reported on; later than earlier rounds.',
  })
  periodEnd: string;

  @Field(() => DateScalar, {
    description: "When returns are due: the end of the round's window; after the previous round's.",
  })
  returnsDueOn: string;

  @Field(() => DateScalar, { nullable: true, description: 'Not before returnsDueOn.' })
  boardMeetingOn?: string | null;
}
