// The actions module's public surface for other modules, beyond its services, entities, types and enums:
// the per-request loaders other modules' fields use, and the calendar-date check of its inputs.
export { groupById, userById } from './action.loaders';
export { date } from './action.validation';
