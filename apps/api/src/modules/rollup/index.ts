// The rollup module's public surface for other modules, beyond its services, entities, types and enums.
export { actionsAsOf, dueOnAsOf, recommendationStatusAsOf, ukDay } from './as-of';
export type { Queryable } from './queries';
