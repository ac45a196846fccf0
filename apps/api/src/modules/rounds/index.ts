// The rounds module's public surface for other modules, beyond its services, entities, types and enums.
export { startReturnsCte } from './round.queries';
export { roundsReachedByActionColumn } from './closed-periods.queries';
export type { ClosedRound } from './closed-periods.service';
