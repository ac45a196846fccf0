// The notifications module's public surface for other modules, beyond its services, entities, types and enums.
export type { MessageDraft } from './message.queries';
export { NotificationScheduler } from './scheduler';
