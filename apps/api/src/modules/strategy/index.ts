// The strategy module's public surface for other modules, beyond its services, entities and types:
// the per-request loaders of the theory of change (one set per request, shared by every module).
export { objectiveById, outputById, strategyById } from './strategy.loaders';
