// The rounds module's public surface for other modules, beyond its services, entities, types and enums.
export { startReturnsCte } from './round.queries';
