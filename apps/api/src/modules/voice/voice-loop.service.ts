import { In, type DataSource, type EntityManager } from 'typeorm';
import { BadInputError, ConflictError, NotFoundError, UnauthenticatedError } from '../../errors/errors';
import type { Viewer } from '../../shared/viewer';
import { isIsoDate, todayIso } from '../../shared/dates';
import { writeAudit } from '../audit/audit.service';
import { cleanText } from '../reviews';
import { isUuid } from '../../database/ids';
import { requireAccess } from '../../access';
import { assertNoPersonalIdentifiers } from './personal-identifiers';
import type { ObjectiveEntity } from '../strategy/objective.entity';
import { FeedbackDecision } from './voice-loop.enums';
import { countPartnershipObjectives } from './feedback.queries';
import { groupByKey } from '../../shared/per-request';
import {
  feedbackDecisionTally,
  insertDecision,
  insertMeeting,
  insertResponseObjectives,
  lockFeedbackVersion,
  meetingOfPartnership,
  meetingOn,
  partnershipMeetings,
} from './voice-loop.queries';
import { FeedbackResponseObjectiveEntity, type ForumMeetingEntity } from './voice-loop.entity';

/** The board's count of feedback by the decision in force on a date. */
export interface DecisionTallyRow {
  asOf: string;
  total: number;
  takenUp: number;
  partlyTakenUp: number;
  notTakenUp: number;
  noted: number;
  undecided: number;
}

export interface DecideInput {
  feedbackId: string;
  version: number;
  decision: FeedbackDecision;
  reason?: string | null;
  decidedOn?: string | null;
}

export interface MeetingInput {
  forum: string;
  heldOn: string;
}

/** The objectives present, by code. */
export function objectivesByCode(list: ReadonlyArray<ObjectiveEntity | null | undefined>): ObjectiveEntity[] {
  return list.filter((o): o is ObjectiveEntity => !!o).sort((a, b) => a.code.localeCompare(b.code));
}

function requireViewer(viewer: Viewer | null | undefined): asserts viewer is Viewer {
  if (!viewer) throw new UnauthenticatedError();
}

/**
 * Closing the loop on survivor feedback (docs/decisions/0019-survivor-voice-loop.md): the forum's
 * meetings, the partnership's dated and versioned decision on each piece of feedback, the objectives a
 * response names, and the board's tally of decisions as of a date. Text is screened for personal
 * identifiers and never logged.
 */
export class VoiceLoopService {
  constructor(private readonly db: DataSource) {}

  // ---------------------------------------------------------------- meetings

  /** Records a forum's session with its date (FACILITATOR, ADMIN); the same forum and date: the one kept. */
  async recordMeeting(viewer: Viewer, input: MeetingInput, today = todayIso()): Promise<ForumMeetingEntity> {
    requireViewer(viewer);
    requireAccess(viewer, 'feedback.record');
    const forum = cleanText('forum', input.forum, { required: true, max: 200, screen: false })!;
    assertNoPersonalIdentifiers('forum', forum);
    if (!isIsoDate(input.heldOn)) throw new BadInputError('heldOn', 'Give a real date as YYYY-MM-DD.');
    if (input.heldOn > today) throw new BadInputError('heldOn', 'heldOn cannot be in the future.');
    return this.db.transaction(async (tx) => {
      const existing = await meetingOn(tx, viewer.partnershipId, forum, input.heldOn);
      if (existing) return existing;
      const saved = await insertMeeting(tx, {
        partnershipId: viewer.partnershipId,
        forum,
        heldOn: input.heldOn,
        recordedBy: viewer.id,
      });
      await writeAudit(tx, {
        partnershipId: viewer.partnershipId,
        actorId: viewer.id,
        operation: 'recordForumMeeting',
        entityType: 'ForumMeeting',
        entityId: saved.id,
        before: null,
        after: { forum, heldOn: input.heldOn },
      });
      return saved;
    });
  }

  /** The partnership's meetings, newest first; of one forum when given. */
  async meetings(viewer: Viewer, forum?: string | null): Promise<ForumMeetingEntity[]> {
    requireViewer(viewer);
    return partnershipMeetings(this.db, viewer.partnershipId, forum?.trim() || null);
  }

  /**
   * Checks a meeting given with new feedback: one of the partnership's, of the same forum, held on or
   * before the day the feedback was received. Called inside recordFeedback's transaction.
   */
  static async assertMeetingFits(
    tx: EntityManager,
    partnershipId: string,
    meetingId: string,
    forum: string,
    receivedOn: string,
  ): Promise<void> {
    const m = isUuid(meetingId) ? await meetingOfPartnership(tx, meetingId, partnershipId) : undefined;
    if (!m) throw new BadInputError('meetingId', 'No such meeting.');
    if (m.forum.toLowerCase() !== forum.toLowerCase()) {
      throw new BadInputError('meetingId', 'That meeting is of another forum.');
    }
    if (receivedOn < m.heldOn) {
      throw new BadInputError('receivedOn', 'receivedOn cannot be before the meeting was held.');
    }
  }

  // ---------------------------------------------------------------- decisions

  /**
   * Records the partnership's decision on a piece of feedback (FACILITATOR, ADMIN): a new version of the
   * feedback (stale version: CONFLICT), appended to its decision history. NOT_TAKEN_UP needs the reason.
   */
  async decide(viewer: Viewer, input: DecideInput, today = todayIso()): Promise<string> {
    requireViewer(viewer);
    requireAccess(viewer, 'feedback.record');
    if (!Object.values(FeedbackDecision).includes(input.decision)) {
      throw new BadInputError('decision', 'Choose taken up, partly taken up, not taken up or noted.');
    }
    const reason = cleanText('reason', input.reason, { max: 2000, screen: false });
    if (reason) assertNoPersonalIdentifiers('reason', reason);
    if (input.decision === FeedbackDecision.NOT_TAKEN_UP && !reason) {
      throw new BadInputError(
        'reason',
        'Say why it was not taken up, in words the forum can hear: it goes back to them.',
      );
    }
    const decidedOn = input.decidedOn ?? today;
    if (!isIsoDate(decidedOn)) throw new BadInputError('decidedOn', 'Give a real date as YYYY-MM-DD.');
    if (decidedOn > today) throw new BadInputError('decidedOn', 'decidedOn cannot be in the future.');
    if (!isUuid(input.feedbackId)) throw new NotFoundError('Feedback', input.feedbackId);
    return this.db.transaction(async (tx) => {
      const fb = await lockFeedbackVersion(tx, input.feedbackId, viewer.partnershipId);
      if (!fb) throw new NotFoundError('Feedback', input.feedbackId);
      if (fb.version !== input.version) {
        throw new ConflictError('This feedback was changed by someone else. Reload it and decide again.', {
          currentVersion: fb.version,
        });
      }
      if (decidedOn < fb.receivedOn) {
        throw new BadInputError('decidedOn', 'decidedOn cannot be before the feedback was received.');
      }
      const version = fb.version + 1;
      const decisionId = await insertDecision(tx, {
        feedbackId: fb.id,
        version,
        decision: input.decision,
        reason,
        decidedOn,
        decidedBy: viewer.id,
      });
      await writeAudit(tx, {
        partnershipId: viewer.partnershipId,
        actorId: viewer.id,
        operation: 'decideFeedback',
        entityType: 'Feedback',
        entityId: fb.id,
        before: { version: fb.version },
        after: { version, decisionId, decision: input.decision, reason, decidedOn },
      });
      return fb.id;
    });
  }

  /**
   * Feedback received on or before asOf, counted by the decision in force on asOf: the latest decided on
   * or before it (same day: the later version). None yet: undecided.
   */
  async decisionTally(viewer: Viewer | null, asOf?: string | null): Promise<DecisionTallyRow> {
    requireViewer(viewer);
    const date = asOf ?? todayIso();
    if (!isIsoDate(date)) throw new BadInputError('asOf', 'Give a real date as YYYY-MM-DD.');
    return feedbackDecisionTally(this.db, viewer.partnershipId, date);
  }

  // ---------------------------------------------------------------- responses' objectives

  /** Links a new response to objectives of the partnership (in respondToFeedback's transaction). */
  static async linkObjectives(
    tx: EntityManager,
    partnershipId: string,
    responseId: string,
    objectiveIds: string[],
  ): Promise<void> {
    if (objectiveIds.length === 0) return;
    if ((await countPartnershipObjectives(tx, objectiveIds, partnershipId)) !== objectiveIds.length) {
      throw new BadInputError('objectiveIds', 'One of these objectives does not exist.');
    }
    await insertResponseObjectives(tx, responseId, objectiveIds);
  }

  async objectivesByResponse(ids: readonly string[]): Promise<ObjectiveEntity[][]> {
    const links = ids.length
      ? await this.db
          .getRepository(FeedbackResponseObjectiveEntity)
          .find({ where: { responseId: In([...ids]) }, relations: { objective: true } })
      : [];
    return groupByKey(links, ids, (l) => l.responseId).map((list) =>
      objectivesByCode(list.map((l) => l.objective)),
    );
  }
}

/** The partnership's feedback by the decision in force on a date (its SQL is in voice-loop.queries.ts). */
export { feedbackDecisionTally };
