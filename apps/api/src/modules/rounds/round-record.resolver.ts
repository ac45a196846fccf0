import { Arg, Authorized, Ctx, FieldResolver, ID, Mutation, Resolver, Root } from 'type-graphql';
import type { GraphQLContext } from '../../graphql/context';
import { userById } from '../actions';
import { Role } from '../identity/user.entity';
import { UserType } from '../identity/user.type';
import { recordByRoundId, restatementsByRoundId } from './round-record.loaders';
import { RecordedReturnType, RestatementType } from './round-record.type';
import { ReportingRoundType } from './round.type';

// Thin resolvers: closing and the record are in RoundRecordService, the closed-period rule in
// closed-periods.service.ts. ReportingRound.rollup (round.resolver.ts) reads the record once closed.

@Resolver(() => ReportingRoundType)
export class RoundRecordResolver {
  @Authorized(Role.ADMIN)
  @Mutation(() => ReportingRoundType, {
    description:
      'Closes a round (admin): freezes its roll-up as of returnsDueOn and which returns were approved; its period is then closed to dated writes without a restatementReason. Already closed: BAD_USER_INPUT.',
  })
  closeReportingRound(
    @Arg('id', () => ID) id: string,
    @Ctx() ctx: GraphQLContext,
  ): Promise<ReportingRoundType> {
    return ctx.services.roundRecords.close(ctx.viewer!, id);
  }

  @FieldResolver(() => [RestatementType], {
    description: 'Corrections recorded against the closed period since the board saw it, oldest first.',
  })
  restatements(@Root() round: ReportingRoundType, @Ctx() ctx: GraphQLContext): Promise<RestatementType[]> {
    return restatementsByRoundId(ctx).load(round.id);
  }

  @FieldResolver(() => [RecordedReturnType], {
    nullable: true,
    description: "The groups' returns as they stood at closing (null while the round is open).",
  })
  async recordedReturns(@Root() round: ReportingRoundType, @Ctx() ctx: GraphQLContext) {
    const record = await recordByRoundId(ctx).load(round.id);
    return (
      record?.returns.map((r) => ({ ...r, decidedAt: r.decidedAt ? new Date(r.decidedAt) : null })) ?? null
    );
  }
}

@Resolver(() => RestatementType)
export class RestatementResolver {
  @FieldResolver(() => UserType)
  async by(@Root() r: RestatementType, @Ctx() ctx: GraphQLContext) {
    return (await userById(ctx).load(r.byId))!;
  }
}
