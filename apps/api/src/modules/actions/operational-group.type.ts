import { Field, ID, Int, ObjectType } from 'type-graphql';
import { MembershipRole } from '../identity/membership.entity';
import { UserType } from '../identity/user.type';

/**
 * A thematic operational group (Housing, Harmful Practices, ...) that owns actions. chair,
 * coordinator, members and actionCount are field resolvers (operational-group.resolver.ts), batched
 * per request.
 */
@ObjectType('OperationalGroup', { simpleResolvers: true })
export class OperationalGroupType {
  @Field(() => ID)
  id: string;

  @Field(() => String)
  name: string;

  @Field(() => String)
  description: string;

  @Field(() => Int)
  version: number;
}

@ObjectType('GroupMember', { description: "A person's place in an operational group." })
export class GroupMemberType {
  @Field(() => UserType)
  user: UserType;

  @Field(() => MembershipRole)
  role: MembershipRole;
}
