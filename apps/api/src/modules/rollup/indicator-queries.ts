// Moved to indicator.queries.ts (the *.queries.ts convention, issue 17). Kept only for the importers
// other branches are editing (frozen-rollup.service.ts, queries.ts, reference-indicators.ts): switch
// them to './indicator.queries' and delete this file.
export * from './indicator.queries';
