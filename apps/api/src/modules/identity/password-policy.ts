import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import { adjacencyGraphs, dictionary } from '@zxcvbn-ts/language-common';
import { BadInputError } from '../../errors/errors';

export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 200;

/**
 * zxcvbn's score 3 means "about 10^8 guesses or more": safe against online guessing (which the login
 * throttle caps anyway) and a slow offline attack on an argon2id hash. Below it the password is one of
 * the ~49,000 most common passwords of the breach corpora zxcvbn-ts ships, or a thin variation of one
 * (capitals, l33t, a year or digits added, repeated, reversed, a keyboard walk).
 */
const MIN_SCORE = 3;

/**
 * Name parts shorter than this are not looked for: "Al" or "Li" would refuse half of all passwords.
 * Four letters still catch the usual "firstname + year" pattern.
 */
const MIN_PERSONAL_TOKEN = 4;

/**
 * The estimator reads only this many characters: its matching grows faster than linearly with
 * length (a 200-character run of one digit took 0.7 s), and a password whose first 100 characters
 * are strong is strong.
 */
const ESTIMATE_LENGTH = 100;

let estimator: ZxcvbnFactory | null = null;

/** Built on first use: decompressing the dictionaries takes ~30 ms and ~10 MB, once per process. */
function estimate(password: string): number {
  estimator ??= new ZxcvbnFactory({ dictionary, graphs: adjacencyGraphs, maxLength: ESTIMATE_LENGTH });
  return estimator.check(password).score;
}

/** Lower case, accents and everything but letters and digits dropped: "Jo-Anne" and "joanne" match. */
function normalise(s: string): string {
  return s
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]/gu, '');
}

/**
 * Whether the password holds the person's name or the part of their email before the @, each whole or
 * any word of it, ignoring case, accents and punctuation ("Priya.Shah" is found in "PRIYASHAH-1").
 */
export function holdsPersonalDetails(password: string, owner: { email: string; name: string }): boolean {
  const local = owner.email.trim().split('@')[0] ?? '';
  const words = (s: string) => s.split(/[^\p{L}\p{N}]+/u);
  const flat = normalise(password);
  return [local, ...words(local), owner.name, ...words(owner.name)]
    .map(normalise)
    .some((t) => t.length >= MIN_PERSONAL_TOKEN && flat.includes(t));
}

export interface PasswordCheck {
  /** The field to name in the error: "password" for createUser, "newPassword" for changePassword. */
  field: string;
  /** The person the password is for: their name and email must not be in it. */
  owner: { email: string; name: string };
  /** Phrase the messages to the person themselves ("your") rather than to an administrator. */
  ownPassword?: boolean;
}

/**
 * The password rules for new passwords (ASVS 6.2.1, 6.2.4, 6.2.11, 6.2.12): 12 to 200 characters, not
 * built on the person's name or email, and not a common or breached password or a variation of one.
 * Everything runs offline in process. Throws BAD_USER_INPUT naming `field`; passes silently.
 */
export function checkNewPassword(
  password: string,
  { field, owner, ownPassword = false }: PasswordCheck,
): void {
  if (password.length < MIN_PASSWORD_LENGTH) {
    throw new BadInputError(field, `Password must be at least ${MIN_PASSWORD_LENGTH} characters.`);
  }
  if (password.length > MAX_PASSWORD_LENGTH) {
    throw new BadInputError(field, `Password must be at most ${MAX_PASSWORD_LENGTH} characters.`);
  }
  if (holdsPersonalDetails(password, owner)) {
    throw new BadInputError(
      field,
      ownPassword
        ? 'Your password must not contain your name or the first part of your email address.'
        : "Password must not contain the person's name or the first part of their email address.",
    );
  }
  if (estimate(password) < MIN_SCORE) {
    throw new BadInputError(
      field,
      'Password is too easy to guess: it is a commonly used password, or close to one. ' +
        'Try three or four random words together.',
      { reason: 'COMMON_PASSWORD' },
    );
  }
}
