import { Field, ID, Int, ObjectType } from 'type-graphql';
import { PageInfo } from '../../shared/paging';
import { DateScalar } from '../../graphql/scalars';
import { ActionStatus, Rag } from './action.enums';

/**
 * A SMART action. Plain columns here; status, rag, group, objective, output, tags, latestUpdate,
 * updates, overdue and stale are field resolvers in action.resolver.ts (batched by action.loaders.ts),
 * so any ActionEntity row returned by any module resolves them the same way.
 */
// simpleResolvers: plain fields resolve without type-graphql's per-field wrapper (no field-level auth here;
// src/graphql/simple-resolvers.test.ts keeps it so).
@ObjectType('Action', { simpleResolvers: true })
export class ActionType {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  strategyId: string;

  @Field(() => String, { description: 'Unique within the strategy, e.g. "HP3".' })
  ref: string;

  @Field(() => String)
  title: string;

  @Field(() => String)
  description: string;

  @Field(() => String)
  successMeasure: string;

  @Field(() => String, { description: 'The accountable officer or agency.' })
  lead: string;

  @Field(() => DateScalar, { description: 'When the action entered the plan.' })
  agreedOn: string;

  @Field(() => DateScalar, { nullable: true })
  startsOn: string | null;

  @Field(() => DateScalar, { nullable: true })
  dueOn: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'reportedOn of the latest update.' })
  lastReportedOn: string | null;

  @Field(() => Int, { description: 'Send back to updateAction; a stale version is refused with CONFLICT.' })
  version: number;

  @Field(() => Date)
  createdAt: Date;

  @Field(() => Date)
  updatedAt: Date;
}

/** One entry of an action's append-only progress history. */
@ObjectType('ActionUpdate', { simpleResolvers: true })
export class ActionUpdateType {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  actionId: string;

  @Field(() => DateScalar)
  reportedOn: string;

  @Field(() => Rag, { nullable: true })
  rag: Rag | null;

  @Field(() => ActionStatus)
  status: ActionStatus;

  @Field(() => String, { description: '"Action Update": what has been done.' })
  progress: string;

  @Field(() => String, { description: '"Action Impact": what difference it has made.' })
  impact: string;

  @Field(() => Date, { description: 'When this update was recorded.' })
  recordedAt: Date;

  @Field(() => Int, { description: '1 when posted; raised by each redaction (redactActionUpdate).' })
  version: number;
}

@ObjectType('ActionEdge', { simpleResolvers: true })
export class ActionEdge {
  @Field(() => String)
  cursor: string;

  @Field(() => ActionType)
  node: ActionType;
}

@ObjectType('ActionConnection', { simpleResolvers: true })
export class ActionConnection {
  @Field(() => [ActionEdge])
  edges: ActionEdge[];

  @Field(() => PageInfo)
  pageInfo: PageInfo;

  @Field(() => Int, { description: 'All actions matching the filter, across pages.' })
  totalCount: number;
}
