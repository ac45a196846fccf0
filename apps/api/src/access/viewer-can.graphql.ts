import { Ctx, Field, FieldResolver, ObjectType, Resolver, Root, type ClassType } from 'type-graphql';
import type { GraphQLContext } from '../graphql/context';
import type { ActionEntity } from '../modules/actions/action.entity';
import { ActionType } from '../modules/actions/action.type';
import { OperationalGroupType } from '../modules/actions/operational-group.type';
import { RecommendationType, ReviewType } from '../modules/reviews/review.type';
import { GroupReturnType, ReportingRoundType } from '../modules/rounds/round.type';
import { ObjectiveType, OutputType, StrategyType } from '../modules/strategy/strategy.type';
import { FeedbackType } from '../modules/voice/feedback.type';
import { can } from './policy';

// `viewerCan { ... }`: what the viewer may do with each record, answered by the same rules the services
// enforce (policy.ts), so clients ask instead of deciding the rules a second time.

@ObjectType('ActionViewerCan', { description: 'What the viewer may do with an action.' })
export class ActionViewerCan {
  @Field({ description: "Edit it (updateAction): ADMIN, the group's CHAIR or COORDINATOR." })
  update: boolean;

  @Field({ description: 'Post a progress update on it (addActionUpdate): ADMIN, any group member.' })
  addUpdate: boolean;
}

@ObjectType('OperationalGroupViewerCan', { description: 'What the viewer may do with a group.' })
export class OperationalGroupViewerCan {
  @Field({ description: 'Rename it and change its members (ADMIN).' })
  manage: boolean;

  @Field({ description: 'Create actions for it and edit its actions: ADMIN, its CHAIR or COORDINATOR.' })
  editActions: boolean;

  @Field({ description: 'Post progress updates on its actions: ADMIN, any member.' })
  addUpdates: boolean;
}

@ObjectType('GroupReturnViewerCan', { description: 'What the viewer may do with a group return.' })
export class GroupReturnViewerCan {
  @Field({ description: "Submit it: the group's CHAIR or COORDINATOR, or ADMIN." })
  submit: boolean;

  @Field({ description: "Approve or send it back: the group's CHAIR or ADMIN, not its submitter." })
  decide: boolean;

  @Field({ description: "Post updates on the group's actions: ADMIN, any member." })
  addUpdates: boolean;
}

@ObjectType('ReportingRoundViewerCan', { description: 'What the viewer may do with a reporting round.' })
export class ReportingRoundViewerCan {
  @Field({ description: 'Change it (ADMIN, who opens rounds).' })
  update: boolean;

  @Field({
    description:
      'Close it (closeReportingRound), freezing its record: ADMIN. Says who may, not whether the round is still open.',
  })
  close: boolean;
}

@ObjectType('RecordViewerCan', {
  description: 'What the viewer may do with a record that has one edit right.',
})
export class RecordViewerCan {
  @Field({ description: 'Change it (and what hangs from it).' })
  update: boolean;
}

@Resolver(() => ActionType)
export class ActionViewerCanResolver {
  @FieldResolver(() => ActionViewerCan)
  viewerCan(@Root() a: ActionEntity, @Ctx() ctx: GraphQLContext): ActionViewerCan {
    const subject = { groupId: a.groupId };
    return {
      update: can(ctx.viewer, 'action.edit', subject),
      addUpdate: can(ctx.viewer, 'action.postUpdate', subject),
    };
  }
}

@Resolver(() => OperationalGroupType)
export class OperationalGroupViewerCanResolver {
  @FieldResolver(() => OperationalGroupViewerCan)
  viewerCan(@Root() g: OperationalGroupType, @Ctx() ctx: GraphQLContext): OperationalGroupViewerCan {
    const subject = { groupId: g.id };
    return {
      manage: can(ctx.viewer, 'group.manage'),
      editActions: can(ctx.viewer, 'action.edit', subject),
      addUpdates: can(ctx.viewer, 'action.postUpdate', subject),
    };
  }
}

@Resolver(() => GroupReturnType)
export class GroupReturnViewerCanResolver {
  @FieldResolver(() => GroupReturnViewerCan)
  viewerCan(@Root() gr: GroupReturnType, @Ctx() ctx: GraphQLContext): GroupReturnViewerCan {
    const subject = { groupId: gr.groupId, submittedById: gr.submittedById };
    return {
      submit: can(ctx.viewer, 'return.submit', subject),
      decide: can(ctx.viewer, 'return.decide', subject),
      addUpdates: can(ctx.viewer, 'action.postUpdate', subject),
    };
  }
}

@Resolver(() => ReportingRoundType)
export class ReportingRoundViewerCanResolver {
  @FieldResolver(() => ReportingRoundViewerCan)
  viewerCan(@Ctx() ctx: GraphQLContext): ReportingRoundViewerCan {
    return { update: can(ctx.viewer, 'round.open'), close: can(ctx.viewer, 'round.close') };
  }
}

/** A field resolver answering RecordViewerCan.update with one action of the policy. */
function recordViewerCan(target: ClassType, action: Parameters<typeof can>[1]) {
  @Resolver(target)
  class RecordViewerCanResolver {
    @FieldResolver(() => RecordViewerCan)
    viewerCan(@Ctx() ctx: GraphQLContext): RecordViewerCan {
      return { update: can(ctx.viewer, action) };
    }
  }
  return RecordViewerCanResolver;
}

/** Every viewerCan resolver, for the schema's resolver list. */
export const viewerCanResolvers = [
  ActionViewerCanResolver,
  OperationalGroupViewerCanResolver,
  GroupReturnViewerCanResolver,
  ReportingRoundViewerCanResolver,
  recordViewerCan(StrategyType, 'strategy.build'),
  recordViewerCan(ObjectiveType, 'strategy.build'),
  recordViewerCan(OutputType, 'strategy.build'),
  recordViewerCan(ReviewType, 'review.edit'),
  recordViewerCan(RecommendationType, 'review.edit'),
  recordViewerCan(FeedbackType, 'feedback.record'),
] as const;
