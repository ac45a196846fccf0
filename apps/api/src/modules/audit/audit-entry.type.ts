import { JSONResolver } from 'graphql-scalars';
import { Field, ID, ObjectType } from 'type-graphql';

/** One change as the audit trail recorded it: who, when, which record, and the record before and after. */
@ObjectType('AuditEntry')
export class AuditEntryType {
  @Field(() => ID)
  id: string;

  @Field(() => Date)
  at: Date;

  /** Loaded by AuditResolver.actor; null for changes made by the system itself (start-up, demo). */
  actorId: string | null;

  @Field(() => String, { description: 'The mutation or system operation, e.g. "updateAction".' })
  operation: string;

  @Field(() => String)
  entityType: string;

  @Field(() => ID)
  entityId: string;

  @Field(() => JSONResolver, {
    nullable: true,
    description: 'The record before the change; null when created.',
  })
  before: unknown;

  @Field(() => JSONResolver, { nullable: true })
  after: unknown;
}
