import { Field, ID, InputType } from 'type-graphql';
import { DateScalar } from '../../graphql/scalars';
import { ActionStatus, Rag } from './action.enums';

// Rules (lengths, dates, references) are checked in the services, so that direct service calls
// (the demo loader, imports) get exactly the same BAD_USER_INPUT errors as the API.

@InputType('OperationalGroupInput')
export class OperationalGroupInput {
  @Field(() => String)
  name: string;

  @Field(() => String, { nullable: true })
  description?: string | null;

  @Field(() => ID, { nullable: true })
  chairId?: string | null;

  @Field(() => ID, { nullable: true })
  coordinatorId?: string | null;

  @Field(() => [ID], { nullable: true })
  memberIds?: string[] | null;
}

/** Changes to a group: absent fields are left alone. Membership has its own mutations. */
@InputType('OperationalGroupPatch')
export class OperationalGroupPatch {
  @Field(() => String, { nullable: true })
  name?: string | null;

  @Field(() => String, { nullable: true })
  description?: string | null;
}

@InputType('ActionInput')
export class ActionInput {
  @Field(() => ID)
  objectiveId: string;

  @Field(() => ID, { nullable: true, description: 'Must be an output of the same objective.' })
  outputId?: string | null;

  @Field(() => ID)
  groupId: string;

  @Field(() => String, { description: 'Unique within the strategy.' })
  ref: string;

  @Field(() => String)
  title: string;

  @Field(() => String, { nullable: true })
  description?: string | null;

  @Field(() => String, { nullable: true })
  successMeasure?: string | null;

  @Field(() => String, { nullable: true })
  lead?: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'Defaults to today; may be in the past.' })
  agreedOn?: string | null;

  @Field(() => DateScalar, { nullable: true })
  startsOn?: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'Not before startsOn.' })
  dueOn?: string | null;

  @Field(() => [String], { nullable: true, description: '"kind:slug" tags.' })
  tags?: string[] | null;
}

/** Changes to an action: absent fields are left alone; null clears an optional field. */
@InputType('ActionPatch')
export class ActionPatch {
  @Field(() => ID, { nullable: true })
  objectiveId?: string | null;

  @Field(() => ID, { nullable: true })
  outputId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Moving needs edit rights on both groups.' })
  groupId?: string | null;

  @Field(() => String, { nullable: true })
  ref?: string | null;

  @Field(() => String, { nullable: true })
  title?: string | null;

  @Field(() => String, { nullable: true })
  description?: string | null;

  @Field(() => String, { nullable: true })
  successMeasure?: string | null;

  @Field(() => String, { nullable: true })
  lead?: string | null;

  @Field(() => DateScalar, { nullable: true })
  agreedOn?: string | null;

  @Field(() => DateScalar, { nullable: true })
  startsOn?: string | null;

  @Field(() => DateScalar, { nullable: true })
  dueOn?: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      'Why the due date changed: required when dueOn changes on an action agreed before today (kept in dueOnHistory).',
  })
  dueOnChangeReason?: string | null;

  @Field(() => [String], { nullable: true, description: 'Replaces all tags when given.' })
  tags?: string[] | null;
}

@InputType('ActionUpdateInput')
export class ActionUpdateInput {
  @Field(() => ID)
  actionId: string;

  @Field(() => Rag, { nullable: true, description: 'May be left out, e.g. for a COMPLETE action.' })
  rag?: Rag | null;

  @Field(() => ActionStatus)
  status: ActionStatus;

  @Field(() => String, { nullable: true })
  progress?: string | null;

  @Field(() => String, { nullable: true })
  impact?: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'Defaults to today; never in the future.' })
  reportedOn?: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      "An admin's reason for restating a closed period (docs/rollup-rules.md): required when the date falls on or before a closed round's date; the round lists the restatement.",
  })
  restatementReason?: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      'An idempotency key the client makes once per update it means (a UUID is ideal: 8 to 100 letters, ' +
      'digits, "-", "_", ".", ":"). Sending it again for the same action returns the update it first ' +
      'made instead of adding another; the same key with different content is BAD_USER_INPUT.',
  })
  clientKey?: string | null;
}

@InputType('ActionFilter')
export class ActionFilter {
  @Field(() => ID, { nullable: true })
  strategyId?: string | null;

  @Field(() => ID, { nullable: true })
  groupId?: string | null;

  @Field(() => ID, { nullable: true })
  objectiveId?: string | null;

  @Field(() => ID, { nullable: true })
  outputId?: string | null;

  @Field(() => [ActionStatus], { nullable: true })
  status?: ActionStatus[] | null;

  @Field(() => [Rag], { nullable: true })
  rag?: Rag[] | null;

  @Field(() => Boolean, { nullable: true, description: 'Past dueOn and still NOT_STARTED or IN_PROGRESS.' })
  overdue?: boolean | null;

  @Field(() => Boolean, { nullable: true, description: 'Open and not updated within the cadence.' })
  stale?: boolean | null;

  @Field(() => String, { nullable: true, description: 'A "kind:slug" tag the action must carry.' })
  tag?: string | null;

  @Field(() => String, { nullable: true, description: 'Words in the title or the ref (case-insensitive).' })
  text?: string | null;

  @Field(() => Boolean, { nullable: true, description: "Only the viewer's groups' actions." })
  mine?: boolean | null;

  @Field(() => DateScalar, {
    nullable: true,
    description:
      'Read status, rag, overdue and stale as they stood on this day (not in the future), and list only the actions agreed by then: the board roll-up as of that day counts the same actions.',
  })
  asOf?: string | null;
}
