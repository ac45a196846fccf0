import { Ctx, Field, FieldResolver, ObjectType, Resolver, Root } from 'type-graphql';
import type { GraphQLContext } from '../../graphql/context';
import { membershipsByUserId } from './identity.loaders';
import type { Viewer } from '../../shared/viewer';
import { UserType } from './user.type';
import { can } from '../../access';

/**
 * What a user may do, by the same policies the services enforce: the web app offers a form, or says
 * who can use it, from these rather than deciding the rules a second time.
 */
@ObjectType('UserPermissions')
export class UserPermissionsType {
  @Field(() => Boolean, { description: 'Create and edit reviews and recommendations (ADMIN, DHR_PANEL).' })
  manageReviews: boolean;

  @Field(() => Boolean, { description: 'Record survivor feedback and responses (ADMIN, FACILITATOR).' })
  recordFeedback: boolean;

  @Field(() => Boolean, {
    description: 'Create actions for at least one group (ADMIN, a CHAIR or COORDINATOR).',
  })
  createActions: boolean;

  @Field(() => Boolean, { description: 'Manage strategies, groups, users and imports (ADMIN).' })
  administer: boolean;

  @Field(() => Boolean, {
    description:
      "Record a correction dated in a closed round's period, giving restatementReason (ADMIN, the strategic lead).",
  })
  restateClosedPeriods: boolean;
}

@Resolver(() => UserType)
export class UserPermissionsResolver {
  @FieldResolver(() => UserPermissionsType, { description: 'What this user may do.' })
  async permissions(@Root() user: UserType, @Ctx() ctx: GraphQLContext): Promise<UserPermissionsType> {
    const memberships = await membershipsByUserId(ctx).load(user.id);
    const as = {
      roles: user.roles,
      memberships: new Map(memberships.map((m) => [m.groupId, m.role])),
    } as Pick<Viewer, 'roles' | 'memberships'> as Viewer;
    return {
      manageReviews: can(as, 'review.edit'),
      recordFeedback: can(as, 'feedback.record'),
      createActions: can(as, 'action.create'),
      administer: can(as, 'administer'),
      restateClosedPeriods: can(as, 'period.restate'),
    };
  }
}
