import isEmail from 'validator/lib/isEmail';
import { BadInputError } from '../../errors/errors';
import { Role } from './user.entity';

/** What createUser is given (the API's CreateUserInput, the demo loader, the admin bootstrap). */
export interface NewUserFields {
  email: string;
  name: string;
  roles: readonly Role[];
}

const EMAIL_MAX = 254;
const NAME_MAX = 200;

/**
 * A new account's email, name and roles, each refused naming its field (the password has its own
 * rules: password-policy.ts). Checked in the service, as every input is (decision 0009): one place
 * whichever way an account is made.
 */
export function checkNewUser(input: NewUserFields): void {
  const email = input.email.trim();
  // validator.js's isEmail: the address rule class-validator applied before (decision 0009).
  if (email.length > EMAIL_MAX || !isEmail(email)) {
    throw new BadInputError('email', 'Enter an email address in the correct format, like name@example.org');
  }
  const name = input.name.trim();
  if (name.length < 1 || name.length > NAME_MAX) {
    throw new BadInputError('name', `Enter a name of 1 to ${NAME_MAX} characters`);
  }
  // No control characters: a NUL cannot even be stored (found by fuzzing).
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001F\u007F]/.test(input.name)) {
    throw new BadInputError('name', 'Enter a name without control characters');
  }
  const known = new Set<string>(Object.values(Role));
  if (input.roles.some((r) => !known.has(r))) throw new BadInputError('roles', 'Choose roles from the list.');
  if (new Set(input.roles).size !== input.roles.length) {
    throw new BadInputError('roles', 'Each role may be given once');
  }
}
