import { GraphQLScalarType } from 'graphql';
import { LocalDateResolver } from 'graphql-scalars';

/**
 * The contract's `Date`: a calendar date, 'YYYY-MM-DD', no time and no zone. Values are ISO strings
 * end to end (PostgreSQL date columns are parsed as text), so no day can shift with a time zone.
 */
export const DateScalar = new GraphQLScalarType({
  ...LocalDateResolver.toConfig(),
  name: 'Date',
  description: 'A calendar date, YYYY-MM-DD.',
});
