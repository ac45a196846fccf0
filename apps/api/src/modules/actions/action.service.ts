import type { DataSource, EntityManager } from 'typeorm';
import { BadInputError, ConflictError, NotFoundError } from '../../errors/errors';
import type { Viewer } from '../../shared/viewer';
import { isUniqueViolation } from '../../shared/unique-violation';
import { checkVersion, updateAtVersion } from '../../shared/versioned-update';
import { snapshot, writeAudit } from '../audit/audit.service';
import { ObjectiveEntity } from '../strategy/objective.entity';
import type { TagEntity } from '../tags/tag.entity';
import { tagRef, type TagService } from '../tags/tag.service';
import { dueOnChangeReason } from './action-due-dates';
import { recordDueDate } from './action-due-date.queries';
import {
  listActionPage,
  type ActionListFilter,
  type ActionListOptions,
  type ActionPage,
} from './action-list.queries';
import type { ActionUpdateEntity } from './action-update.entity';
import { addActionUpdate, type ActionUpdateListener, type NewActionUpdate } from './action-update.write';
import { ACTION_TEXT_LIMITS, inTransaction, type ActionWriteOptions } from './action-write';
import { todayIso } from '../../shared/dates';
import { ActionEntity, ActionTagEntity } from './action.entity';
import { date, isUuid, text } from './action.validation';
import { OperationalGroupEntity } from './operational-group.entity';
import { requireAccess } from '../../access';
import {
  partnershipAction,
  partnershipObjective,
  partnershipOutput,
  refTaken,
  tagKindsAndSlugsOf,
} from './action.queries';

export interface NewAction {
  objectiveId: string;
  outputId?: string | null;
  groupId: string;
  ref: string;
  title: string;
  description?: string | null;
  successMeasure?: string | null;
  lead?: string | null;
  agreedOn?: string | null;
  startsOn?: string | null;
  dueOn?: string | null;
  tags?: string[] | null;
}

/** Changes to an action: undefined leaves a field alone, null clears an optional one. */
export type ActionChanges = { [K in keyof NewAction]?: NewAction[K] | null } & {
  /** Why dueOn changed: required when it changes on an action agreed before today. */
  dueOnChangeReason?: string | null;
};

export type {
  ActionListFilter,
  ActionListOptions,
  ActionPage,
  ActionPageRelations,
} from './action-list.queries';
export type { ActionUpdateListener, NewActionUpdate, PreviousUpdate } from './action-update.write';
export { ACTION_TEXT_LIMITS, type ActionWriteOptions } from './action-write';

/** The unique constraint on (strategy_id, ref); a race past the pre-check still names the field. */
const UQ_ACTION_REF = 'uq_action_ref';

export class ActionService {
  /** Told of each new latest update in its transaction (e.g. the survivor-voice notices). */
  readonly afterLatestUpdate: ActionUpdateListener[] = [];

  constructor(
    private readonly db: DataSource,
    private readonly tags: TagService,
  ) {}

  // ---------------------------------------------------------------- reads

  /** An action of the viewer's partnership, or null (also for malformed ids). */
  async findAction(
    viewer: Viewer,
    id: string,
    manager: EntityManager = this.db.manager,
  ): Promise<ActionEntity | null> {
    if (!isUuid(id)) return null;
    return partnershipAction(manager, id, viewer.partnershipId);
  }

  /**
   * One page of actions in the stable order (ref, id): refs are what people quote ("HP3"), and the id
   * breaks ties between strategies sharing a ref. Cursors are opaque (base64url of [ref, id]).
   * One statement fetches the page together with the relations named in `include` (group, objective,
   * latest update, tags: returned in `related` for the request's DataLoaders); the COUNT behind
   * totalCount runs only when `withTotalCount` (otherwise totalCount is null).
   */
  listActions(
    viewer: Viewer,
    filter: ActionListFilter | null | undefined,
    first?: number | null,
    after?: string | null,
    opts?: ActionListOptions,
  ): Promise<ActionPage> {
    return listActionPage(this.db, viewer, filter, first, after, opts);
  }

  // ---------------------------------------------------------------- writes

  /** ADMIN, or CHAIR/COORDINATOR of input.groupId. agreedOn defaults to today. */
  async createAction(viewer: Viewer, input: NewAction, opts: ActionWriteOptions = {}): Promise<ActionEntity> {
    // Before anything is looked up: someone who may edit no group's actions learns nothing of groups.
    requireAccess(viewer, 'action.create');
    const fields = this.checkFields(input, true);
    const agreedOn = fields.agreedOn ?? todayIso();
    this.checkDates(agreedOn, fields.startsOn ?? null, fields.dueOn ?? null, 'dueOn');
    try {
      return await inTransaction(this.db, opts, async (tx) => {
        await this.visibleGroup(tx, viewer, input.groupId);
        requireAccess(viewer, 'action.edit', { groupId: input.groupId });
        const objective = await this.visibleObjective(tx, viewer, input.objectiveId);
        const outputId = await this.checkOutput(tx, viewer, input.outputId ?? null, objective.id);
        await this.checkRefFree(tx, objective.strategyId, fields.ref!, null);
        const tags = await this.tags.resolveTags(tx, viewer.partnershipId, input.tags ?? [], 'tags');
        const action = await tx.getRepository(ActionEntity).save(
          tx.getRepository(ActionEntity).create({
            strategyId: objective.strategyId,
            objectiveId: objective.id,
            outputId,
            groupId: input.groupId,
            ref: fields.ref!,
            title: fields.title!,
            description: fields.description ?? '',
            successMeasure: fields.successMeasure ?? '',
            lead: fields.lead ?? '',
            agreedOn,
            startsOn: fields.startsOn ?? null,
            dueOn: fields.dueOn ?? null,
            // The first due date is in force from the day the action was agreed.
            dueOnSince: fields.dueOn ? agreedOn : null,
          }),
        );
        if (fields.dueOn) {
          await recordDueDate(tx, {
            actionId: action.id,
            dueOn: fields.dueOn,
            previousDueOn: null,
            changedOn: agreedOn,
            reason: null,
            byId: viewer.id,
          });
        }
        await this.writeTags(tx, action.id, tags);
        await writeAudit(tx, {
          partnershipId: viewer.partnershipId,
          actorId: viewer.id,
          operation: 'createAction',
          entityType: 'Action',
          entityId: action.id,
          before: null,
          after: { ...(snapshot(action) as object), tags: tags.map(tagRef) },
        });
        return action;
      });
    } catch (e) {
      throw this.refClash(e);
    }
  }

  /**
   * ADMIN, or CHAIR/COORDINATOR of the action's group (and of the new group when moving it).
   * Optimistic concurrency: the UPDATE only applies at `version`; otherwise CONFLICT with currentVersion.
   */
  async updateAction(
    viewer: Viewer,
    id: string,
    version: number,
    patch: ActionChanges,
  ): Promise<ActionEntity> {
    try {
      return await this.db.transaction(async (tx) => {
        const current = await this.findAction(viewer, id, tx);
        if (!current) throw new NotFoundError('Action', id);
        requireAccess(viewer, 'action.edit', { groupId: current.groupId });
        checkVersion(current.version, version, (v) => this.stale(v));
        const fields = this.checkFields(patch, false);

        const next: Partial<ActionEntity> = {};
        if (patch.groupId === null) throw new BadInputError('groupId', 'An action must belong to a group.');
        if (patch.groupId !== undefined && patch.groupId !== current.groupId) {
          await this.visibleGroup(tx, viewer, patch.groupId);
          requireAccess(viewer, 'action.edit', { groupId: patch.groupId });
          next.groupId = patch.groupId;
        }
        if (patch.objectiveId === null)
          throw new BadInputError('objectiveId', 'An action must have an objective.');
        let objectiveId = current.objectiveId;
        let strategyId = current.strategyId;
        if (patch.objectiveId !== undefined && patch.objectiveId !== current.objectiveId) {
          const objective = await this.visibleObjective(tx, viewer, patch.objectiveId);
          objectiveId = next.objectiveId = objective.id;
          strategyId = next.strategyId = objective.strategyId;
        }
        const outputId = patch.outputId !== undefined ? patch.outputId : current.outputId;
        if (patch.outputId !== undefined || objectiveId !== current.objectiveId) {
          next.outputId = await this.checkOutput(tx, viewer, outputId, objectiveId);
        }
        for (const k of ['ref', 'title'] as const) {
          if (patch[k] === null)
            throw new BadInputError(k, `Enter ${k === 'ref' ? 'a reference' : 'a title'}.`);
          if (fields[k] !== undefined) next[k] = fields[k]!;
        }
        for (const k of ['description', 'successMeasure', 'lead'] as const) {
          if (patch[k] !== undefined) next[k] = fields[k] ?? '';
        }
        if (patch.agreedOn === null)
          throw new BadInputError('agreedOn', 'An action must have the date it was agreed.');
        if (fields.agreedOn) next.agreedOn = fields.agreedOn;
        if (patch.startsOn !== undefined) next.startsOn = fields.startsOn ?? null;
        if (patch.dueOn !== undefined) next.dueOn = fields.dueOn ?? null;
        // A new due date joins the history, in force from today; the past keeps the date it had.
        const today = todayIso();
        const dueChange =
          next.dueOn !== undefined && next.dueOn !== current.dueOn
            ? {
                dueOn: next.dueOn,
                previousDueOn: current.dueOn,
                reason: dueOnChangeReason(current.agreedOn, today, patch.dueOnChangeReason),
              }
            : null;
        if (dueChange) next.dueOnSince = today;
        this.checkDates(
          next.agreedOn ?? current.agreedOn,
          next.startsOn !== undefined ? next.startsOn : current.startsOn,
          next.dueOn !== undefined ? next.dueOn : current.dueOn,
          patch.dueOn !== undefined ? 'dueOn' : 'startsOn',
        );
        const ref = next.ref ?? current.ref;
        if (ref !== current.ref || strategyId !== current.strategyId)
          await this.checkRefFree(tx, strategyId, ref, current.id);
        const tags =
          patch.tags != null
            ? await this.tags.resolveTags(tx, viewer.partnershipId, patch.tags, 'tags')
            : null;

        // The guard that makes concurrent edits safe: only the holder of the current version wins.
        const updated = await updateAtVersion(
          tx,
          ActionEntity,
          { id: current.id, version },
          { ...next, updatedAt: () => 'now()' },
          (v) => this.stale(v),
        );
        if (dueChange) {
          await recordDueDate(tx, { actionId: current.id, ...dueChange, changedOn: today, byId: viewer.id });
        }
        const beforeTags = tags ? await this.tagRefsOf(tx, current.id) : undefined;
        if (tags) {
          await tx.getRepository(ActionTagEntity).delete({ actionId: current.id });
          await this.writeTags(tx, current.id, tags);
        }
        await writeAudit(tx, {
          partnershipId: viewer.partnershipId,
          actorId: viewer.id,
          operation: 'updateAction',
          entityType: 'Action',
          entityId: current.id,
          before: { ...(snapshot(current) as object), ...(beforeTags ? { tags: beforeTags } : {}) },
          after: {
            ...(snapshot(updated) as object),
            ...(tags ? { tags: tags.map(tagRef) } : {}),
            ...(dueChange ? { dueOnChangeReason: dueChange.reason } : {}),
          },
        });
        return updated;
      });
    } catch (e) {
      throw this.refClash(e);
    }
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
  addActionUpdate(
    viewer: Viewer,
    input: NewActionUpdate,
    opts: ActionWriteOptions = {},
  ): Promise<ActionUpdateEntity> {
    return addActionUpdate(this.db, viewer, input, opts, this.afterLatestUpdate);
  }

  // ---------------------------------------------------------------- helpers

  /** Trims and checks the text and date fields that are present; `create` makes ref and title required. */
  private checkFields(input: ActionChanges, create: boolean): ActionChanges {
    const out: ActionChanges = {};
    if (create || input.ref != null) {
      out.ref = text('ref', input.ref, { required: true, max: ACTION_TEXT_LIMITS.ref, label: 'a reference' });
    }
    if (create || input.title != null) {
      out.title = text('title', input.title, {
        required: true,
        max: ACTION_TEXT_LIMITS.title,
        label: 'a title',
      });
    }
    for (const k of ['description', 'successMeasure', 'lead'] as const) {
      if (input[k] != null) out[k] = text(k, input[k], { max: ACTION_TEXT_LIMITS[k], label: k });
    }
    if (create && !input.objectiveId) throw new BadInputError('objectiveId', 'Choose the objective.');
    if (create && !input.groupId) throw new BadInputError('groupId', 'Choose the operational group.');
    out.agreedOn = date('agreedOn', input.agreedOn);
    out.startsOn = date('startsOn', input.startsOn);
    out.dueOn = date('dueOn', input.dueOn);
    return out;
  }

  private checkDates(
    agreedOn: string,
    startsOn: string | null,
    dueOn: string | null,
    field: 'dueOn' | 'startsOn',
  ) {
    if (agreedOn > todayIso()) {
      throw new BadInputError(
        'agreedOn',
        'agreedOn is when the action entered the plan: it cannot be in the future.',
      );
    }
    if (startsOn && dueOn && dueOn < startsOn) {
      throw new BadInputError(field, 'dueOn cannot be before startsOn.');
    }
  }

  private async visibleGroup(
    tx: EntityManager,
    viewer: Viewer,
    groupId: string,
  ): Promise<OperationalGroupEntity> {
    const group = isUuid(groupId)
      ? await tx
          .getRepository(OperationalGroupEntity)
          .findOneBy({ id: groupId, partnershipId: viewer.partnershipId })
      : null;
    if (!group) throw new BadInputError('groupId', 'No such operational group.');
    return group;
  }

  private async visibleObjective(
    tx: EntityManager,
    viewer: Viewer,
    objectiveId: string,
  ): Promise<ObjectiveEntity> {
    const objective = isUuid(objectiveId)
      ? await partnershipObjective(tx, objectiveId, viewer.partnershipId)
      : null;
    if (!objective) throw new BadInputError('objectiveId', 'No such objective.');
    return objective;
  }

  /**
   * The output (if any) must exist in the viewer's partnership and belong to the action's objective.
   * Another partnership's output is "No such output", exactly as an unknown id, so ids cannot be probed.
   */
  private async checkOutput(
    tx: EntityManager,
    viewer: Viewer,
    outputId: string | null,
    objectiveId: string,
  ): Promise<string | null> {
    if (outputId == null) return null;
    const output = isUuid(outputId) ? await partnershipOutput(tx, outputId, viewer.partnershipId) : null;
    if (!output) throw new BadInputError('outputId', 'No such output.');
    if (output.objectiveId !== objectiveId) {
      throw new BadInputError('outputId', "The output must belong to the action's objective.");
    }
    return output.id;
  }

  private async checkRefFree(tx: EntityManager, strategyId: string, ref: string, selfId: string | null) {
    if (await refTaken(tx, strategyId, ref, selfId))
      throw new BadInputError('ref', `Another action of this strategy already has ref "${ref}".`);
  }

  private refClash(e: unknown): unknown {
    if (isUniqueViolation(e, UQ_ACTION_REF)) {
      return new BadInputError('ref', 'Another action of this strategy already has this ref.');
    }
    return e;
  }

  private stale(currentVersion: number | null): ConflictError {
    return new ConflictError('This action was changed by someone else. Reload it and try again.', {
      currentVersion,
    });
  }

  private async writeTags(tx: EntityManager, actionId: string, tags: TagEntity[]) {
    if (!tags.length) return;
    await tx.getRepository(ActionTagEntity).insert(tags.map((t) => ({ actionId, tagId: t.id })));
  }

  private async tagRefsOf(tx: EntityManager, actionId: string): Promise<string[]> {
    return (await tagKindsAndSlugsOf(tx, actionId)).map(tagRef);
  }
}
