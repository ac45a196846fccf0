// The voice module's public surface for other modules, beyond its services, entities, types and enums.
export { assertNoPersonalIdentifiers, findPersonalIdentifier } from './personal-identifiers';
export type { PersonalIdentifierKind } from './personal-identifiers';
