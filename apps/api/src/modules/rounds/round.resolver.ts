import type { GraphQLResolveInfo } from 'graphql';
import {
  Arg,
  Authorized,
  Ctx,
  FieldResolver,
  ID,
  Info,
  Int,
  Mutation,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import type { GraphQLContext } from '../../graphql/context';
import { DateScalar } from '../../graphql/scalars';
import { subFieldStringArguments } from '../../graphql/field-arguments';
import { groupById, userById } from '../actions';
import { strategyById } from '../strategy';
import { ActionType, ActionUpdateType } from '../actions/action.type';
import { OperationalGroupType } from '../actions/operational-group.type';
import { UserType } from '../identity/user.type';
import { BoardRollup } from '../rollup/rollup.type';
import { StrategyType } from '../strategy/strategy.type';
import { Role } from '../identity/user.entity';
import { ReportingRoundInput } from './round.inputs';
import { RoundStatus } from './reporting-round.entity';
import { coverageByRoundKind, figuresByRoundId, recordByRoundId } from './round-record.loaders';
import { actionsByReturnId, returnsByRoundId, roundById } from './round.loaders';
import { GroupReturnType, ReportingRoundType } from './round.type';
import { can } from '../../access';

// Thin resolvers: the rules are in RoundService, the SQL in round.queries.ts.

@Resolver(() => ReportingRoundType)
export class ReportingRoundResolver {
  @Authorized()
  @Query(() => [ReportingRoundType], {
    description: "The strategy's reporting rounds, newest periodEnd first.",
  })
  reportingRounds(
    @Arg('strategyId', () => ID) strategyId: string,
    @Ctx() ctx: GraphQLContext,
  ): Promise<ReportingRoundType[]> {
    return ctx.services.rounds.listRounds(ctx.viewer!, strategyId);
  }

  @Authorized()
  @Query(() => ReportingRoundType, { nullable: true })
  reportingRound(
    @Arg('id', () => ID) id: string,
    @Ctx() ctx: GraphQLContext,
  ): Promise<ReportingRoundType | null> {
    return ctx.services.rounds.findRound(ctx.viewer!, id);
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => ReportingRoundType, {
    description: 'Opens a round: every operational group with open actions in the strategy owes a return.',
  })
  openReportingRound(
    @Arg('input', () => ReportingRoundInput) input: ReportingRoundInput,
    @Ctx() ctx: GraphQLContext,
  ): Promise<ReportingRoundType> {
    return ctx.services.rounds.openRound(ctx.viewer!, input);
  }

  @FieldResolver(() => StrategyType)
  async strategy(@Root() round: ReportingRoundType, @Ctx() ctx: GraphQLContext): Promise<StrategyType> {
    return (await strategyById(ctx).load(round.strategyId))!;
  }

  @FieldResolver(() => [GroupReturnType], { description: "Every group's return, by group name." })
  returns(@Root() round: ReportingRoundType, @Ctx() ctx: GraphQLContext): Promise<GroupReturnType[]> {
    return returnsByRoundId(ctx).load(round.id);
  }

  @FieldResolver(() => DateScalar, {
    nullable: true,
    description:
      "The first day of the round's window (the day after the previous round's returnsDueOn, else the strategy's start); null: no lower bound.",
  })
  windowStartsOn(@Root() round: ReportingRoundType, @Ctx() ctx: GraphQLContext): Promise<string | null> {
    return ctx.services.rounds.windowStart(round.id);
  }

  @FieldResolver(() => BoardRollup, {
    description:
      'The roll-up as of returnsDueOn: live while the round is open; once CLOSED, the record frozen at closing (never recomputed).',
  })
  async rollup(
    @Root() round: ReportingRoundType,
    @Ctx() ctx: GraphQLContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<BoardRollup> {
    const record = round.status === RoundStatus.CLOSED ? await recordByRoundId(ctx).load(round.id) : null;
    if (record) {
      return ctx.services.roundRecords.rollupOf(ctx.viewer!, record, {
        figures: () => figuresByRoundId(ctx).load(round.id),
        coverage: (kind) => coverageByRoundKind(ctx).load({ roundId: round.id, kind }),
      });
    }
    const kinds = subFieldStringArguments(info, 'tagCoverage', 'kind');
    return ctx.services.rollup.boardRollup(ctx.viewer!, round.strategyId, round.returnsDueOn, kinds);
  }
}

@Resolver(() => GroupReturnType)
export class GroupReturnResolver {
  @Authorized()
  @Query(() => GroupReturnType, { nullable: true })
  groupReturn(@Arg('id', () => ID) id: string, @Ctx() ctx: GraphQLContext): Promise<GroupReturnType | null> {
    return ctx.services.rounds.findReturn(ctx.viewer!, id);
  }

  @Authorized()
  @Query(() => [GroupReturnType], {
    description: "Returns of OPEN rounds for the viewer's groups (any role), soonest due first.",
  })
  myReturns(@Ctx() ctx: GraphQLContext): Promise<GroupReturnType[]> {
    return ctx.services.rounds.myReturns(ctx.viewer!);
  }

  @Authorized()
  @Mutation(() => GroupReturnType, {
    description:
      "The group's chair or coordinator (or an admin) submits its return; BAD_USER_INPUT naming the actions not yet reported. Stale version: CONFLICT.",
  })
  submitGroupReturn(
    @Arg('id', () => ID) id: string,
    @Arg('version', () => Int) version: number,
    @Ctx() ctx: GraphQLContext,
  ): Promise<GroupReturnType> {
    return ctx.services.rounds.submit(ctx.viewer!, id, version);
  }

  @Authorized()
  @Mutation(() => GroupReturnType, {
    description:
      "Sends a submitted return back with a comment (the group's chair or an admin, not the submitter).",
  })
  returnGroupReturn(
    @Arg('id', () => ID) id: string,
    @Arg('version', () => Int) version: number,
    @Arg('comment', () => String) comment: string,
    @Ctx() ctx: GraphQLContext,
  ): Promise<GroupReturnType> {
    return ctx.services.rounds.sendBack(ctx.viewer!, id, version, comment);
  }

  @Authorized()
  @Mutation(() => GroupReturnType, {
    description: "Approves a submitted return (the group's chair or an admin, not the submitter).",
  })
  approveGroupReturn(
    @Arg('id', () => ID) id: string,
    @Arg('version', () => Int) version: number,
    @Ctx() ctx: GraphQLContext,
  ): Promise<GroupReturnType> {
    return ctx.services.rounds.approve(ctx.viewer!, id, version);
  }

  @Authorized()
  @Mutation(() => ActionUpdateType, {
    description:
      'A "no change since the last return" update dated today: the current status and RAG kept (same rules as addActionUpdate).',
  })
  reportNoChange(
    @Arg('actionId', () => ID) actionId: string,
    @Arg('clientKey', () => String, { nullable: true }) clientKey: string | null | undefined,
    @Ctx() ctx: GraphQLContext,
  ) {
    return ctx.services.rounds.reportNoChange(ctx.viewer!, actionId, clientKey);
  }

  @FieldResolver(() => ReportingRoundType)
  async round(@Root() gr: GroupReturnType, @Ctx() ctx: GraphQLContext): Promise<ReportingRoundType> {
    return (await roundById(ctx).load(gr.roundId))!;
  }

  @FieldResolver(() => OperationalGroupType)
  async group(@Root() gr: GroupReturnType, @Ctx() ctx: GraphQLContext): Promise<OperationalGroupType> {
    return (await groupById(ctx).load(gr.groupId))!;
  }

  @FieldResolver(() => [ActionType], {
    description: "The group's open actions with no update dated in the round's window.",
  })
  async actionsDue(@Root() gr: GroupReturnType, @Ctx() ctx: GraphQLContext) {
    return (await actionsByReturnId(ctx).load(gr.id)).filter((a) => a.due).map((a) => a.action);
  }

  @FieldResolver(() => [ActionType], {
    description: "Every open action of the group in the round's strategy (what the return covers), by ref.",
  })
  async actions(@Root() gr: GroupReturnType, @Ctx() ctx: GraphQLContext) {
    return (await actionsByReturnId(ctx).load(gr.id)).map((a) => a.action);
  }

  @FieldResolver(() => UserType, { nullable: true })
  submittedBy(@Root() gr: GroupReturnType, @Ctx() ctx: GraphQLContext) {
    return gr.submittedById ? userById(ctx).load(gr.submittedById) : null;
  }

  @FieldResolver(() => UserType, { nullable: true })
  decidedBy(@Root() gr: GroupReturnType, @Ctx() ctx: GraphQLContext) {
    return gr.decidedById ? userById(ctx).load(gr.decidedById) : null;
  }

  @FieldResolver(() => Boolean, {
    description: 'May the viewer submit this return (by role; the actions may still be due)?',
  })
  viewerCanSubmit(@Root() gr: GroupReturnType, @Ctx() ctx: GraphQLContext): boolean {
    return can(ctx.viewer!, 'return.submit', { groupId: gr.groupId });
  }

  @FieldResolver(() => Boolean, {
    description: 'May the viewer approve or send back this return (by role, and not its submitter)?',
  })
  viewerCanDecide(@Root() gr: GroupReturnType, @Ctx() ctx: GraphQLContext): boolean {
    return can(ctx.viewer!, 'return.decide', { groupId: gr.groupId, submittedById: gr.submittedById });
  }
}
