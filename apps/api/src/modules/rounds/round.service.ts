import type { DataSource, EntityManager } from 'typeorm';
import { hydrate } from '../../database/hydrate';
import { BadInputError, ConflictError, NotFoundError } from '../../errors/errors';
import type { Viewer } from '../../shared/viewer';
import { ActionEntity } from '../actions/action.entity';
import type { ActionUpdateEntity } from '../actions/action-update.entity';
import type { ActionService } from '../actions/action.service';
import type { NotificationService } from '../notifications/notification.service';
import { isUuid } from '../../database/ids';
import { text } from '../../shared/text';
import { date } from '../actions';
import { checkVersion, type StaleVersion } from '../../shared/versioned-update';
import { snapshot, writeAudit } from '../audit/audit.service';
import { GroupReturnEntity, ReturnStatus } from './group-return.entity';
import { ReportingRoundEntity, RoundStatus } from './reporting-round.entity';
import type { ReportingRoundInput } from './round.inputs';
import {
  actionsOfReturns,
  groupsWithOpenActions,
  insertReturns,
  openReturnsOfGroups,
  windowStartOf,
  returnRowsOfRounds,
  lockStrategy,
  latestRoundOf,
  lockActionState,
  groupNameOf,
} from './round.queries';
import { requireAccess } from '../../access';

const MAX_TITLE = 200;
const MAX_COMMENT = 2000;
/** The progress text of a "no change since the last return" update. */
export const NO_CHANGE_PROGRESS = 'No change since the last return.';

/** Statuses from which a return may be submitted. */
const SUBMITTABLE = [ReturnStatus.NOT_STARTED, ReturnStatus.DRAFT, ReturnStatus.RETURNED];

const staleReturn: StaleVersion = (currentVersion) =>
  new ConflictError('This return was changed by someone else. Reload it and try again.', { currentVersion });

/**
 * Reporting rounds (docs/graphql-contract.md, "Reporting rounds"): opening a round, the groups' returns, their
 * submission and sign-off. Every decision is audited in its own transaction; the return's version
 * makes two simultaneous decisions end with exactly one winner (the other gets CONFLICT).
 */
export class RoundService {
  constructor(
    private readonly db: DataSource,
    private readonly actions: ActionService,
    private readonly notifications: NotificationService,
  ) {}

  // ---------------------------------------------------------------- reads

  async findRound(viewer: Viewer, id: string): Promise<ReportingRoundEntity | null> {
    if (!isUuid(id)) return null;
    return this.db.getRepository(ReportingRoundEntity).findOneBy({ id, partnershipId: viewer.partnershipId });
  }

  /** The strategy's rounds, newest periodEnd first. */
  async listRounds(viewer: Viewer, strategyId: string): Promise<ReportingRoundEntity[]> {
    if (!isUuid(strategyId)) return [];
    return this.db.getRepository(ReportingRoundEntity).find({
      where: { strategyId, partnershipId: viewer.partnershipId },
      order: { periodEnd: 'DESC', createdAt: 'DESC' },
    });
  }

  async findReturn(viewer: Viewer, id: string): Promise<GroupReturnEntity | null> {
    if (!isUuid(id)) return null;
    return this.db.getRepository(GroupReturnEntity).findOneBy({ id, partnershipId: viewer.partnershipId });
  }

  /** Returns of OPEN rounds for the groups the viewer belongs to (any role), soonest due first. */
  myReturns(viewer: Viewer): Promise<GroupReturnEntity[]> {
    return openReturnsOfGroups(this.db, viewer.partnershipId, [...viewer.memberships.keys()]);
  }

  /** The returns of rounds, by round id (for ReportingRound.returns), each by group name. */
  async returnsOfRounds(roundIds: readonly string[]): Promise<GroupReturnEntity[][]> {
    const rows = await returnRowsOfRounds(this.db, roundIds);
    const byRound = new Map<string, GroupReturnEntity[]>(roundIds.map((id) => [id, []]));
    for (const row of rows) {
      const r = hydrate(this.db, GroupReturnEntity, row, 'gr');
      byRound.get(r.roundId)!.push(r);
    }
    return roundIds.map((id) => byRound.get(id)!);
  }

  /** For each return, the group's open actions in the round's strategy, with `due` per action. */
  actionsOfReturns(returnIds: readonly string[]) {
    return actionsOfReturns(this.db, this.db.manager, returnIds);
  }

  windowStart(roundId: string): Promise<string | null> {
    return windowStartOf(this.db, roundId);
  }

  // ---------------------------------------------------------------- writes

  /** ADMIN: opens a round; every group with open actions in the strategy gets a NOT_STARTED return. */
  async openRound(viewer: Viewer, input: ReportingRoundInput): Promise<ReportingRoundEntity> {
    requireAccess(viewer, 'round.open');
    const title = text('title', input.title, { required: true, max: MAX_TITLE, label: 'a title' });
    const periodEnd = date('periodEnd', input.periodEnd);
    const returnsDueOn = date('returnsDueOn', input.returnsDueOn);
    const boardMeetingOn = date('boardMeetingOn', input.boardMeetingOn);
    if (!periodEnd) throw new BadInputError('periodEnd', 'Enter the last day of the period.');
    if (!returnsDueOn) throw new BadInputError('returnsDueOn', 'Enter when returns are due.');
    if (returnsDueOn < periodEnd) {
      throw new BadInputError('returnsDueOn', 'Returns cannot be due before the end of the period.');
    }
    if (boardMeetingOn && boardMeetingOn < returnsDueOn) {
      throw new BadInputError('boardMeetingOn', 'The board meeting cannot be before returns are due.');
    }
    return this.db.transaction(async (tx) => {
      // The strategy row lock serializes two admins opening rounds of the same strategy at once.
      const [strategy]: Array<{ id: string }> = isUuid(input.strategyId)
        ? await lockStrategy(tx, input.strategyId, viewer.partnershipId)
        : [];
      if (!strategy) throw new BadInputError('strategyId', 'No such strategy.');
      const [latest]: Array<{ period_end: string; returns_due_on: string }> = await latestRoundOf(
        tx,
        strategy.id,
      );
      if (latest && periodEnd <= latest.period_end) {
        throw new BadInputError(
          'periodEnd',
          `The period must end after the latest round's period (${latest.period_end}).`,
        );
      }
      if (latest && returnsDueOn <= latest.returns_due_on) {
        throw new BadInputError(
          'returnsDueOn',
          `Returns must be due after the latest round's due date (${latest.returns_due_on}).`,
        );
      }
      const repo = tx.getRepository(ReportingRoundEntity);
      const round = await repo.save(
        repo.create({
          partnershipId: viewer.partnershipId,
          strategyId: strategy.id,
          title,
          periodEnd,
          returnsDueOn,
          boardMeetingOn,
          status: RoundStatus.OPEN,
          openedById: viewer.id,
        }),
      );
      const groupIds = await groupsWithOpenActions(tx, strategy.id);
      await insertReturns(tx, viewer.partnershipId, round.id, groupIds);
      await writeAudit(tx, {
        partnershipId: viewer.partnershipId,
        actorId: viewer.id,
        operation: 'openReportingRound',
        entityType: 'ReportingRound',
        entityId: round.id,
        before: null,
        after: { ...(snapshot(round) as object), groupIds },
      });
      return round;
    });
  }

  /** The group's chair or coordinator (or an ADMIN) submits; every open action must be reported. */
  submit(viewer: Viewer, id: string, version: number): Promise<GroupReturnEntity> {
    const authorize = (gr: GroupReturnEntity) =>
      requireAccess(viewer, 'return.submit', { groupId: gr.groupId });
    return this.decide(viewer, id, version, 'submitGroupReturn', authorize, async (tx, gr) => {
      if (!SUBMITTABLE.includes(gr.status)) {
        throw new BadInputError('id', 'This return has already been submitted.');
      }
      const due = (await actionsOfReturns(this.db, tx, [gr.id])).get(gr.id)!.filter((a) => a.due);
      if (due.length > 0) {
        const refs = due.map((a) => a.action.ref);
        throw new BadInputError(
          'id',
          `Every open action needs an update dated in the round's window before the return is submitted. Not yet reported: ${refs.join(', ')}.`,
          { actions: refs },
        );
      }
      return {
        status: ReturnStatus.SUBMITTED,
        submittedAt: new Date(),
        submittedById: viewer.id,
        decidedAt: null,
        decidedById: null,
      };
    });
  }

  /** Sends a submitted return back to the group with a comment. */
  sendBack(viewer: Viewer, id: string, version: number, comment: string): Promise<GroupReturnEntity> {
    const why = text('comment', comment, { required: true, max: MAX_COMMENT, label: 'why it is sent back' });
    const authorize = (gr: GroupReturnEntity) =>
      requireAccess(viewer, 'return.decide', { groupId: gr.groupId, submittedById: gr.submittedById });
    return this.decide(viewer, id, version, 'returnGroupReturn', authorize, async (_tx, gr) => {
      assertSubmitted(gr);
      return { status: ReturnStatus.RETURNED, decidedAt: new Date(), decidedById: viewer.id, comment: why };
    });
  }

  approve(viewer: Viewer, id: string, version: number): Promise<GroupReturnEntity> {
    const authorize = (gr: GroupReturnEntity) =>
      requireAccess(viewer, 'return.decide', { groupId: gr.groupId, submittedById: gr.submittedById });
    return this.decide(viewer, id, version, 'approveGroupReturn', authorize, async (_tx, gr) => {
      assertSubmitted(gr);
      return { status: ReturnStatus.APPROVED, decidedAt: new Date(), decidedById: viewer.id };
    });
  }

  /**
   * "No change since the last return" in one click: a new update today copying the action's current
   * status and RAG, through addActionUpdate (same permissions, checks, idempotency and audit).
   */
  async reportNoChange(
    viewer: Viewer,
    actionId: string,
    clientKey?: string | null,
  ): Promise<ActionUpdateEntity> {
    return this.db.transaction(async (tx) => {
      const [action]: Array<Pick<ActionEntity, 'currentStatus' | 'currentRag'>> = isUuid(actionId)
        ? await lockActionState(tx, actionId, viewer.partnershipId)
        : [];
      if (!action) throw new BadInputError('actionId', 'No such action.');
      return this.actions.addActionUpdate(
        viewer,
        {
          actionId,
          status: action.currentStatus,
          rag: action.currentRag,
          progress: NO_CHANGE_PROGRESS,
          impact: '',
          clientKey,
        },
        { manager: tx, operation: 'reportNoChange' },
      );
    });
  }

  // ---------------------------------------------------------------- helpers

  /**
   * The person who submitted the return hears of the decision: plain and short, a link to the return,
   * no content of the updates. Each decision is its own event (a return may be sent back twice), so the
   * dedupe key carries the decision's version: a retried transaction still records one message.
   */
  private async tellSubmitter(
    tx: EntityManager,
    round: ReportingRoundEntity,
    decided: GroupReturnEntity,
    recipientId: string,
  ): Promise<void> {
    const approved = decided.status === ReturnStatus.APPROVED;
    const kind = approved ? DECISION_KINDS.APPROVED : DECISION_KINDS.RETURNED;
    const [group]: Array<{ name: string }> = await groupNameOf(tx, decided.groupId);
    const what = `${group?.name ?? 'Your group'}'s return for ${round.title}`;
    await this.notifications.notify(tx, {
      partnershipId: decided.partnershipId,
      recipientId,
      kind,
      dedupeKey: `round:${round.id}:group:${decided.groupId}:${kind}:v${decided.version}:${recipientId}`,
      subject: approved ? `${what} has been approved` : `${what} has been sent back`,
      body: approved
        ? `${what} has been approved.`
        : `${what} has been sent back. Open it to see why, update it and submit it again.`,
      link: `/rounds/${round.id}/returns/${decided.id}`,
    });
  }

  /**
   * One decision on a return: lock it, check the round is open and the version current (CONFLICT
   * otherwise: of two simultaneous decisions the second sees the first's version), apply `rule`'s
   * changes with the version moved on, audit, and (for a decision) a message to the submitter in the
   * same transaction.
   */
  private decide(
    viewer: Viewer,
    id: string,
    version: number,
    operation: 'submitGroupReturn' | 'returnGroupReturn' | 'approveGroupReturn',
    authorize: (gr: GroupReturnEntity) => void,
    rule: (tx: EntityManager, gr: GroupReturnEntity) => Promise<Partial<GroupReturnEntity>>,
  ): Promise<GroupReturnEntity> {
    return this.db.transaction(async (tx) => {
      const repo = tx.getRepository(GroupReturnEntity);
      const current = isUuid(id)
        ? await repo.findOne({
            where: { id, partnershipId: viewer.partnershipId },
            lock: { mode: 'pessimistic_write' },
          })
        : null;
      if (!current) throw new NotFoundError('GroupReturn', id);
      const round = await tx.getRepository(ReportingRoundEntity).findOneByOrFail({ id: current.roundId });
      authorize(current);
      checkVersion(current.version, version, staleReturn);
      if (round.status !== RoundStatus.OPEN) {
        throw new BadInputError('id', 'This round is closed: its returns can no longer change.');
      }
      const changes = await rule(tx, current);
      const updated = repo.merge(repo.create({ ...current }), changes, { version: current.version + 1 });
      await repo.save(updated);
      await writeAudit(tx, {
        partnershipId: viewer.partnershipId,
        actorId: viewer.id,
        operation,
        entityType: 'GroupReturn',
        entityId: current.id,
        before: snapshot(current),
        after: snapshot(updated),
      });
      if (operation !== 'submitGroupReturn' && current.submittedById) {
        await this.tellSubmitter(tx, round, updated, current.submittedById);
      }
      return updated;
    });
  }
}

/** The message kinds of decisions on a return. */
export const DECISION_KINDS = {
  [ReturnStatus.RETURNED]: 'RETURN_SENT_BACK',
  [ReturnStatus.APPROVED]: 'RETURN_APPROVED',
} as const;

function assertSubmitted(gr: GroupReturnEntity): void {
  if (gr.status !== ReturnStatus.SUBMITTED) {
    throw new BadInputError('id', 'Only a submitted return can be approved or sent back.');
  }
}
