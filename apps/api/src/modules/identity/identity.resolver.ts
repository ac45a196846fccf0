import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { GraphQLContext } from '../../graphql/context';
import { membershipsByUserId } from './identity.loaders';
import { clearSessionCookie, setSessionCookie } from './session-cookie';
import { CreateUserInput } from './identity.inputs';
import type { UserMembershipRow } from './identity.service';
import { Role } from './user.entity';
import { SessionType, SignInAlertType, UserMembershipType, UserType } from './user.type';

@Resolver(() => UserType)
export class IdentityResolver {
  // Deliberately without @Authorized: anonymous callers get null, which is how the web app asks
  // "is anyone signed in?" without an error.
  @Query(() => UserType, { nullable: true, description: 'The signed-in user, or null.' })
  async me(@Ctx() ctx: GraphQLContext): Promise<UserType | null> {
    return ctx.viewer ? ctx.services.identity.getUser(ctx.viewer, ctx.viewer.id) : null;
  }

  @Authorized(Role.ADMIN)
  @Query(() => [UserType], { description: 'Everyone in the partnership, for the admin pages (ADMIN).' })
  users(@Ctx() ctx: GraphQLContext): Promise<UserType[]> {
    return ctx.services.identity.listUsers(ctx.viewer);
  }

  @FieldResolver(() => SignInAlertType, {
    nullable: true,
    description:
      'Your own account only: the wrong passwords given for it before this sign-in, if any (null for anyone else).',
  })
  signInAlert(@Root() user: UserType, @Ctx() ctx: GraphQLContext): Promise<SignInAlertType | null> {
    return ctx.viewer ? ctx.services.identity.signInAlert(ctx.viewer, user.id) : Promise.resolve(null);
  }

  @Mutation(() => SessionType)
  async login(
    @Arg('email', () => String) email: string,
    @Arg('password', () => String) password: string,
    @Ctx() ctx: GraphQLContext,
  ): Promise<SessionType> {
    const { token, user, session } = await ctx.services.identity
      .login(email, password, {
        ip: ctx.req.ip,
        userAgent: ctx.req.get('user-agent'),
        previousToken: ctx.sessionToken,
      })
      .catch(retryAfterHeader(ctx));
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

  @Authorized()
  @Mutation(() => Boolean, {
    description:
      'The signed-in user replaces their own password; their other sessions end. A wrong current ' +
      'password counts towards the sign-in throttle.',
  })
  async changePassword(
    @Arg('currentPassword', () => String) currentPassword: string,
    @Arg('newPassword', () => String) newPassword: string,
    @Ctx() ctx: GraphQLContext,
  ): Promise<boolean> {
    await ctx.services.identity
      .changePassword(ctx.viewer, currentPassword, newPassword, { ip: ctx.req.ip })
      .catch(retryAfterHeader(ctx));
    return true;
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => UserType)
  createUser(
    @Arg('input', () => CreateUserInput) input: CreateUserInput,
    @Ctx() ctx: GraphQLContext,
  ): Promise<UserType> {
    return ctx.services.identity.registerUser(ctx.viewer, input);
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => UserType, {
    description: "Replaces a user's roles; a stale version is a CONFLICT (ADMIN).",
  })
  updateUserRoles(
    @Arg('id', () => ID) id: string,
    @Arg('version', () => Int) version: number,
    @Arg('roles', () => [Role]) roles: Role[],
    @Ctx() ctx: GraphQLContext,
  ): Promise<UserType> {
    return ctx.services.identity.updateUserRoles(ctx.viewer, id, version, roles);
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => UserType, {
    description: 'Stops a user signing in (their sessions end at once), or lets them again (ADMIN).',
  })
  setUserActive(
    @Arg('id', () => ID) id: string,
    @Arg('version', () => Int) version: number,
    @Arg('active', () => Boolean) active: boolean,
    @Ctx() ctx: GraphQLContext,
  ): Promise<UserType> {
    return ctx.services.identity.setUserActive(ctx.viewer, id, version, active);
  }

  @FieldResolver(() => [UserMembershipType], { description: 'The operational groups this user belongs to.' })
  memberships(@Root() user: UserType, @Ctx() ctx: GraphQLContext): Promise<UserMembershipRow[]> {
    return membershipsByUserId(ctx).load(user.id);
  }
}

/** A throttled refusal (TOO_MANY_REQUESTS) also says when to come back, as HTTP's Retry-After. */
function retryAfterHeader(ctx: GraphQLContext) {
  return (e: { extensions?: { retryAfterSeconds?: number } }): never => {
    const wait = e.extensions?.retryAfterSeconds;
    if (wait) ctx.res.setHeader('Retry-After', String(wait));
    throw e;
  };
}
