import { Arg, Authorized, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import type { GraphQLContext } from '../../graphql/context';
import { Role } from '../identity/user.entity';
import { EmailSettingsType, MessageType } from './message.type';

@Resolver(() => MessageType)
export class NotificationResolver {
  @Authorized()
  @Query(() => [MessageType], { description: "The viewer's messages, newest first (the latest 100)." })
  myMessages(
    @Arg('unreadOnly', () => Boolean, { nullable: true }) unreadOnly: boolean | null | undefined,
    @Ctx() ctx: GraphQLContext,
  ): Promise<MessageType[]> {
    return ctx.services.notifications.myMessages(ctx.viewer, !!unreadOnly);
  }

  @Authorized()
  @Query(() => Int, { description: "How many of the viewer's messages are unread." })
  unreadMessageCount(@Ctx() ctx: GraphQLContext): Promise<number> {
    return ctx.services.notifications.unreadCount(ctx.viewer);
  }

  @Authorized(Role.ADMIN)
  @Query(() => EmailSettingsType, { description: 'Whether messages are emailed (ADMIN).' })
  emailSettings(@Ctx() ctx: GraphQLContext): EmailSettingsType {
    return ctx.services.notifications.emailSettings(ctx.viewer);
  }

  @Authorized()
  @Mutation(() => MessageType, { description: "Marks one of the viewer's messages as read." })
  markMessageRead(@Arg('id', () => ID) id: string, @Ctx() ctx: GraphQLContext): Promise<MessageType> {
    return ctx.services.notifications.markRead(ctx.viewer, id);
  }
}
