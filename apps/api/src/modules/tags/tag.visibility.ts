// The roll-up imports the tag-visibility predicate from here (an allowed import, eslint.config.mjs);
// the predicate itself lives with the tags module's other SQL, in tag.queries.ts.
export { tagShownWithoutConfidentialSql } from './tag.queries';
