import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DateScalar } from '../../graphql/scalars';
import { ReturnStatus } from './group-return.entity';
import { RoundStatus } from './reporting-round.entity';

registerEnumType(RoundStatus, {
  name: 'RoundStatus',
  description: 'Whether a reporting round is still open.',
});
registerEnumType(ReturnStatus, {
  name: 'ReturnStatus',
  description: "Where a group's return is: not started, draft, submitted, sent back or approved.",
});

/**
 * A reporting round (docs/graphql-contract.md, "Reporting rounds"). Plain columns here; strategy, returns and rollup are
 * field resolvers in round.resolver.ts.
 */
@ObjectType('ReportingRound', {
  description: "A call for every operational group's return on a strategy's period.",
})
export class ReportingRoundType {
  @Field(() => ID)
  id: string;

  strategyId: string;

  @Field(() => String)
  title: string;

  @Field(() => DateScalar, { description: 'The last day of the period the round reports on.' })
  periodEnd: string;

  @Field(() => DateScalar)
  returnsDueOn: string;

  @Field(() => DateScalar, { nullable: true })
  boardMeetingOn: string | null;

  @Field(() => RoundStatus)
  status: RoundStatus;

  @Field(() => Date, { nullable: true })
  closedAt: Date | null;

  @Field(() => Int)
  version: number;
}

/** One group's return for a round. round, group, submittedBy, decidedBy and the action lists are field resolvers. */
@ObjectType('GroupReturn', { description: "An operational group's return for a reporting round." })
export class GroupReturnType {
  @Field(() => ID)
  id: string;

  roundId: string;
  groupId: string;
  submittedById: string | null;
  decidedById: string | null;

  @Field(() => ReturnStatus)
  status: ReturnStatus;

  @Field(() => Date, { nullable: true })
  submittedAt: Date | null;

  @Field(() => Date, { nullable: true })
  decidedAt: Date | null;

  @Field(() => String, { nullable: true, description: 'Why it was sent back (or a note with the approval).' })
  comment: string | null;

  @Field(() => Int)
  version: number;
}
