import { GraphQLScalarType } from 'graphql';
import { LocalDateResolver } from 'graphql-scalars';

const config = LocalDateResolver.toConfig();
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The contract's `Date`: a calendar date, 'YYYY-MM-DD', no time and no zone. Values are ISO strings
 * end to end (PostgreSQL date columns are parsed as text), so no day can shift with a time zone.
 * Input is validated in full by graphql-scalars' LocalDate; output that already has the shape of a
 * PostgreSQL date is passed through without building a JS Date for it (a list page has hundreds).
 */
export const DateScalar = new GraphQLScalarType({
  ...config,
  name: 'Date',
  description: 'A calendar date, YYYY-MM-DD.',
  serialize: (value) => (typeof value === 'string' && ISO_DATE.test(value) ? value : config.serialize(value)),
  // LocalDate takes year 0000, which PostgreSQL cannot store (a database error, found by fuzzing).
  parseValue: (value) => notYearZero(config.parseValue!(value)),
  parseLiteral: (ast, variables) => notYearZero(config.parseLiteral!(ast, variables)),
});

function notYearZero<T>(date: T): T {
  if (typeof date === 'string' && date.startsWith('0000')) {
    throw new TypeError('Date cannot represent a year before 0001.');
  }
  return date;
}
