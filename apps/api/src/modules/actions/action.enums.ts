import { registerEnumType } from 'type-graphql';
import { ActionStatus, Rag } from './action.entity';

// The TypeScript enums live beside the entity (the columns store their values); here they become
// the contract's GraphQL enums.
registerEnumType(Rag, {
  name: 'Rag',
  description: 'Red, amber, green: how an action (or a roll-up) is going.',
});
registerEnumType(ActionStatus, { name: 'ActionStatus', description: 'Where an action is in its life.' });

export { ActionStatus, Rag };

/** Statuses in which an action is still open: only these can be overdue or stale. */
export const OPEN_STATUSES: readonly ActionStatus[] = [ActionStatus.NOT_STARTED, ActionStatus.IN_PROGRESS];
