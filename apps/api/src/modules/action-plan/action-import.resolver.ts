import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { GraphQLContext } from '../../graphql/context';
import { strategyById } from '../strategy';
import { Role } from '../identity/user.entity';
import { StrategyType } from '../strategy/strategy.type';
import type { ActionImportEntity } from './action-import.entity';
import { ImportActionsInput } from './action-import.inputs';
import { PREVIEW_HOURS } from './action-import.service';
import { ActionImportRowType, ActionImportType } from './action-import.type';

// The upload itself is a multipart REST route (action-plan.routes.ts): GraphQL has no file uploads
// here and its bodies are capped at 100 KiB (docs/decisions/0007-action-plan-spreadsheets.md).

@Resolver(() => ActionImportType)
export class ActionImportResolver {
  @Authorized(Role.ADMIN)
  @Query(() => ActionImportType, {
    nullable: true,
    description: 'A checked upload of an action plan (ADMIN only); null when unknown or removed.',
  })
  actionImport(@Arg('id', () => ID) id: string, @Ctx() ctx: GraphQLContext) {
    return ctx.services.actionImports.findImport(ctx.viewer!, id);
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => ActionImportType, {
    description:
      "Creates the checked upload's actions and their initial updates, all or none, in one transaction. Twice is CONFLICT.",
  })
  importActions(
    @Arg('input', () => ImportActionsInput) input: ImportActionsInput,
    @Ctx() ctx: GraphQLContext,
  ) {
    return ctx.services.actionImports.confirm(ctx.viewer!, input.importId);
  }

  @FieldResolver(() => StrategyType)
  async strategy(@Root() i: ActionImportEntity, @Ctx() ctx: GraphQLContext) {
    return (await strategyById(ctx).load(i.strategyId))!;
  }

  @FieldResolver(() => Date, { description: 'After this the upload can no longer be confirmed.' })
  expiresAt(@Root() i: ActionImportEntity): Date {
    return new Date(i.createdAt.getTime() + PREVIEW_HOURS * 3_600_000);
  }

  @FieldResolver(() => [ActionImportRowType], { description: 'The rows in file order; `first` limits them.' })
  rows(
    @Root() i: ActionImportEntity,
    @Arg('first', () => Int, { nullable: true }) first: number | null,
  ): ActionImportRowType[] {
    const rows = first != null && first >= 0 ? i.rows.slice(0, first) : i.rows;
    return rows.map((r) => ({
      row: r.row,
      ref: r.ref,
      title: r.title,
      description: r.description,
      successMeasure: r.successMeasure,
      lead: r.lead,
      objectiveCode: r.objectiveCode,
      outputTitle: r.outputTitle,
      groupName: r.groupName,
      agreedOn: r.agreedOn,
      startsOn: r.startsOn,
      dueOn: r.dueOn,
      tags: r.tags,
      status: r.update?.status ?? null,
      rag: r.update?.rag ?? null,
      progress: r.update?.progress ?? null,
      impact: r.update?.impact ?? null,
      reportedOn: r.update?.reportedOn ?? null,
    }));
  }
}
