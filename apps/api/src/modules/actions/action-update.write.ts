import type { DataSource, EntityManager } from 'typeorm';
import { BadInputError, ConflictError } from '../../errors/errors';
import type { Viewer } from '../../shared/viewer';
import { auditValues } from '../audit/audit.service';
import { ActionUpdateEntity } from './action-update.entity';
import { ACTION_TEXT_LIMITS, inTransaction, type ActionWriteOptions } from './action-write';
import { todayIso } from '../../shared/dates';
import { ActionStatus, Rag } from './action.enums';
import { clientKey as checkClientKey, date, isUuid, text } from './action.validation';
import { assertNoPersonalIdentifiers } from '../voice';
import { requireAccess } from '../../access';
import { insertActionUpdate, lockPartnershipAction } from './action-update.queries';
import { ClosedPeriods } from '../rounds/closed-periods.service';

export interface NewActionUpdate {
  actionId: string;
  rag?: Rag | null;
  status: ActionStatus;
  progress?: string | null;
  impact?: string | null;
  /** Defaults to today (UK). */
  reportedOn?: string | null;
  /** Idempotency key: a retry with the same key returns the first update (see addActionUpdate). */
  clientKey?: string | null;
  /** An admin's reason for restating a closed period (rounds/closed-periods.service.ts). */
  restatementReason?: string | null;
}

/**
 * Told in addActionUpdate's transaction when the new update is the action's latest, with the status and
 * RAG of the latest update before it (null when it is the action's first). A listener that needs to
 * know something of the action first gives it as `condition`: a boolean SQL expression of the action's
 * id ($1), read by the update's own statement after the action's lock was granted (no statement of its
 * own), and `run` receives its value (true when it gives none).
 */
export interface ActionUpdateListener {
  condition?: string;
  run(
    tx: EntityManager,
    viewer: Viewer,
    update: ActionUpdateEntity,
    previous: PreviousUpdate | null,
    condition: boolean,
  ): Promise<void>;
}

/** The status and RAG of an action's latest update. */
export interface PreviousUpdate {
  status: ActionStatus;
  rag: Rag | null;
}

/**
 * ADMIN or any member of the action's group. Appends to the history and, in the same transaction,
 * makes the action's current status/RAG those of its latest update by (reportedOn, seq): an update
 * back-dated behind a later one joins the history without changing the current state. The action row
 * is locked first, so concurrent updates to one action apply one after the other and none is lost.
 *
 * Idempotent with `clientKey`: a second request with a key already used for this action (a double
 * submit, a retry after a lost response) adds nothing, writes no audit entry and returns the first
 * update, provided it asks for the same update; the same key with different content is a client bug
 * (a key reused for a new update), refused with BAD_USER_INPUT on clientKey. The row lock serializes
 * simultaneous requests, and the unique index (action_id, client_key) would stop a second row anyway.
 */
export async function addActionUpdate(
  db: DataSource,
  viewer: Viewer,
  input: NewActionUpdate,
  opts: ActionWriteOptions = {},
  afterLatestUpdate: readonly ActionUpdateListener[] = [],
): Promise<ActionUpdateEntity> {
  if (!Object.values(ActionStatus).includes(input.status)) {
    throw new BadInputError('status', 'Choose a status: not started, in progress, complete or cancelled.');
  }
  if (input.rag != null && !Object.values(Rag).includes(input.rag)) {
    throw new BadInputError('rag', 'Choose a RAG rating: red, amber or green.');
  }
  const progress = text('progress', input.progress, {
    max: ACTION_TEXT_LIMITS.progress,
    label: 'progress',
  });
  const impact = text('impact', input.impact, { max: ACTION_TEXT_LIMITS.impact, label: 'impact' });
  // Updates are read by the whole partnership and printed for the board: no victim's details.
  const why = 'Progress updates must not identify anyone';
  assertNoPersonalIdentifiers('progress', progress, why);
  assertNoPersonalIdentifiers('impact', impact, why);
  const today = todayIso();
  const givenDate = date('reportedOn', input.reportedOn);
  const reportedOn = givenDate ?? today;
  if (reportedOn > today) throw new BadInputError('reportedOn', 'reportedOn cannot be in the future.');
  const key = checkClientKey('clientKey', input.clientKey);
  const authorId = opts.imported ? null : viewer.id;

  return inTransaction(db, opts, async (tx) => {
    const action = isUuid(input.actionId)
      ? await lockPartnershipAction(tx, input.actionId, viewer.partnershipId, reportedOn)
      : undefined;
    if (!action) throw new BadInputError('actionId', 'No such action.');
    requireAccess(viewer, 'action.postUpdate', { groupId: action.group_id });
    // An update says what happened: an empty one would still clear "Update due". A file being
    // imported may give only a status (the plan's state when it was loaded).
    if (!progress && !opts.imported)
      throw new BadInputError('progress', 'Enter what progress has been made.');
    const dated = { actionId: action.id, reportedOn, status: input.status, rag: input.rag ?? null };
    await ClosedPeriods.check(
      tx,
      viewer,
      { kind: 'actionUpdate', ...dated },
      input.restatementReason,
      action.rounds,
    );

    // The row is locked and the new update gets the greatest seq, so it is the latest by
    // (reportedOn, seq) exactly when no update is reported later than it.
    const becameLatest = action.last_reported_on == null || reportedOn >= action.last_reported_on;
    const values: unknown[] = [
      action.id,
      reportedOn,
      input.rag ?? null,
      input.status,
      progress,
      impact,
      authorId,
    ];
    // The audit entry is written by the same statement (with the new row and becameLatest).
    const audit = auditValues({
      partnershipId: viewer.partnershipId,
      actorId: viewer.id,
      operation: opts.operation ?? 'addActionUpdate',
      entityType: 'ActionUpdate',
    });
    const written = await insertActionUpdate(tx, db, becameLatest, values, audit, key, afterLatestUpdate);
    // Unreachable while the action row is locked above (a clash with an uncommitted twin would
    // leave both branches empty); kept so that a change to the locking fails safe.
    if (!written) throw new ConflictError('This update is being added by another request. Try again.');
    const { update } = written;
    if (written.replayed) {
      const same =
        update.authorId === authorId &&
        update.status === input.status &&
        update.rag === (input.rag ?? null) &&
        update.progress === progress &&
        update.impact === impact &&
        // An absent date meant "today" when first sent: a retry on a later day is still the same update.
        (givenDate == null || update.reportedOn === givenDate);
      if (!same) {
        throw new BadInputError(
          'clientKey',
          'This clientKey was already used for a different update of this action. Make a new key for each new update.',
        );
      }
      return update;
    }
    // The latest update before this one, read with the lock (the action's state is its latest update's).
    const previous =
      action.last_reported_on == null ? null : { status: action.current_status, rag: action.current_rag };
    if (becameLatest) {
      for (const [i, listener] of afterLatestUpdate.entries()) {
        await listener.run(tx, viewer, update, previous, written.conditions[i] ?? true);
      }
    }
    return update;
  });
}
