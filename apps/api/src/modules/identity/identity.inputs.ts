import { ArrayUnique, IsEmail, IsEnum, Length, Matches, MaxLength } from 'class-validator';
import { Field, InputType } from 'type-graphql';
import { Role } from './user.entity';

@InputType()
export class CreateUserInput {
  @Field(() => String)
  @IsEmail({}, { message: 'Enter an email address in the correct format, like name@example.org' })
  @MaxLength(254)
  email: string;

  @Field(() => String)
  @Length(1, 200, { message: 'Enter a name of 1 to 200 characters' })
  // No control characters: a NUL cannot even be stored (found by fuzzing).
  // eslint-disable-next-line no-control-regex
  @Matches(/^[^\u0000-\u001F\u007F]*$/, { message: 'Enter a name without control characters' })
  name: string;

  @Field(() => String)
  @Length(12, 200, { message: 'Password must be at least 12 characters' })
  password: string;

  @Field(() => [Role], { defaultValue: [] })
  @IsEnum(Role, { each: true })
  @ArrayUnique({ message: 'Each role may be given once' })
  roles: Role[];
}
