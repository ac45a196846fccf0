import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { MembershipRole } from './membership.entity';
import { Role } from './user.entity';

registerEnumType(Role, { name: 'Role', description: 'What a person may do across the partnership.' });
registerEnumType(MembershipRole, {
  name: 'MembershipRole',
  description: "A person's role in an operational group.",
});

/** The GraphQL face of a user: no password hash, ever. */
@ObjectType('User')
export class UserType {
  @Field(() => ID)
  id: string;

  @Field(() => String)
  email: string;

  @Field(() => String)
  name: string;

  @Field(() => [Role])
  roles: Role[];

  @Field(() => Boolean, { description: 'False when the user may no longer sign in.' })
  active: boolean;

  @Field(() => Int, { description: 'Pass back to updateUserRoles; a stale version is a CONFLICT.' })
  version: number;
}

/** One of a user's group memberships, as the admin pages and `me` show it. */
@ObjectType('UserMembership')
export class UserMembershipType {
  @Field(() => ID)
  groupId: string;

  @Field(() => String)
  groupName: string;

  @Field(() => MembershipRole)
  role: MembershipRole;
}

@ObjectType('Session')
export class SessionType {
  @Field(() => String, {
    description: 'Send as "Authorization: Bearer <token>"; the web app uses the cookie instead.',
  })
  token: string;

  @Field(() => UserType)
  user: UserType;

  @Field(() => Date)
  expiresAt: Date;
}

@ObjectType({ description: 'Wrong passwords given for your account before you signed in this time.' })
export class SignInAlertType {
  @Field(() => Int)
  failedAttempts: number;

  @Field(() => Date, { description: 'When the last of them was given.' })
  lastFailedAt: Date;
}
