import { Field, ObjectType } from 'type-graphql';
import { DateScalar } from '../../graphql/scalars';

/** One entry of an action's due-date history. */
@ObjectType('DueDateChange', { simpleResolvers: true })
export class DueDateChangeType {
  @Field(() => DateScalar, { nullable: true, description: 'The due date from changedOn on; null: cleared.' })
  dueOn: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'Null for the first due date.' })
  previousDueOn: string | null;

  @Field(() => DateScalar, {
    description:
      'The day this due date came into force: agreedOn for the first one, else the day of the change.',
  })
  changedOn: string;

  @Field(() => String, { nullable: true })
  reason: string | null;
}
