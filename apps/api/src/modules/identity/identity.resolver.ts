import { Arg, Authorized, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import type { GraphQLContext } from '../../graphql/context';
import { clearSessionCookie, setSessionCookie } from './session-cookie';
import { CreateUserInput } from './identity.inputs';
import { Role } from './user.entity';
import { SessionType, UserType } from './user.type';

@Resolver()
export class IdentityResolver {
  @Query(() => UserType, { nullable: true, description: 'The signed-in user, or null.' })
  me(@Ctx() ctx: GraphQLContext): UserType | null {
    const v = ctx.viewer;
    return v ? { id: v.id, email: v.email, name: v.name, roles: v.roles } : null;
  }

  @Mutation(() => SessionType)
  async login(
    @Arg('email', () => String) email: string,
    @Arg('password', () => String) password: string,
    @Ctx() ctx: GraphQLContext,
  ): Promise<SessionType> {
    const { token, user, session } = await ctx.services.identity.login(email, password, {
      ip: ctx.req.ip,
      userAgent: ctx.req.get('user-agent'),
    });
    setSessionCookie(ctx, token, session.expiresAt);
    return { token, user, expiresAt: session.expiresAt };
  }

  @Authorized()
  @Mutation(() => Boolean)
  async logout(@Ctx() ctx: GraphQLContext): Promise<boolean> {
    if (ctx.sessionToken) await ctx.services.identity.logout(ctx.sessionToken);
    clearSessionCookie(ctx);
    return true;
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => UserType)
  async createUser(
    @Arg('input', () => CreateUserInput) input: CreateUserInput,
    @Ctx() ctx: GraphQLContext,
  ): Promise<UserType> {
    const viewer = ctx.viewer!;
    return ctx.services.identity.createUser(viewer.partnershipId, input, viewer.id);
  }
}
