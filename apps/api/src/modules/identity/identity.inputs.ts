import { Field, InputType } from 'type-graphql';
import { Role } from './user.entity';

/** Checked by the service (new-user.rules.ts, password-policy.ts), as every input is (decision 0009). */
@InputType()
export class CreateUserInput {
  @Field(() => String)
  email: string;

  @Field(() => String)
  name: string;

  @Field(() => String)
  password: string;

  @Field(() => [Role], { defaultValue: [] })
  roles: Role[];
}
