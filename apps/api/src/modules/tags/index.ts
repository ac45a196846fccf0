// The tags module's public surface for other modules, beyond its services, entities, types and enums.
export { tagShownWithoutConfidentialSql } from './tag.queries';
