import { In, type DataSource } from 'typeorm';
import { BadInputError, NotFoundError } from '../../errors/errors';
import type { Viewer } from '../../shared/viewer';
import { decodeCursor, pageSize, toPage } from '../../shared/paging';
import { snapshot, writeAudit } from '../audit/audit.service';
import { isIsoDate, todayIso } from '../../shared/dates';
import { ActionEntity } from '../actions/action.entity';
import { ObjectiveEntity } from '../strategy/objective.entity';
import { parseTagRef, tagRef, type TagService } from '../tags/tag.service';
import { isUuid } from '../../database/ids';
import { groupByKey } from '../../shared/per-request';
import { cleanText } from '../reviews';
import {
  FeedbackEntity,
  FeedbackObjectiveEntity,
  FeedbackResponseActionEntity,
  FeedbackResponseEntity,
  FeedbackTagEntity,
} from './feedback.entity';
import type { FeedbackFilter, FeedbackInput, FeedbackResponseInput } from './feedback.inputs';
import { assertNoPersonalIdentifiers, assertNoPersonalIdentifiersInTags } from './personal-identifiers';
import { checkFeedbackFilter } from './feedback-filter';
import {
  countPartnershipActions,
  countPartnershipObjectives,
  feedbackByIds,
  feedbackOfObjectives,
  feedbackPage,
  tagsOfFeedback,
  type FeedbackListQuery,
} from './feedback.queries';
import { VoiceLoopService, objectivesByCode } from './voice-loop.service';
import { assertViewer, requireAccess } from '../../access';

export interface FeedbackPage {
  edges: Array<{ cursor: string; node: FeedbackEntity }>;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  totalCount: number;
}

export interface FeedbackTagRow {
  id: string;
  kind: string;
  slug: string;
  label: string;
}

/** Distinct ids, each a UUID, else BAD_USER_INPUT naming the field. */
function cleanIds(field: string, ids: readonly string[] | null | undefined, max = 50): string[] {
  const out = [...new Set(ids ?? [])];
  if (out.length > max) throw new BadInputError(field, `Give at most ${max}.`);
  if (!out.every(isUuid)) throw new BadInputError(field, 'One of these ids does not exist.');
  return out;
}

/**
 * Survivor voice: anonymous feedback from survivors' forums and the partnership's "you said, we did"
 * responses. All text passes the personal-identifier screen before it is stored. Feedback text is never
 * logged (docs/security.md, "Logging"): errors name the field and the kind of identifier only.
 */
export class FeedbackService {
  constructor(
    private readonly db: DataSource,
    private readonly tags: TagService,
  ) {}

  // ---------------------------------------------------------------- reads

  async findFeedback(viewer: Viewer, ids: readonly string[]): Promise<FeedbackEntity[]> {
    assertViewer(viewer);
    const wanted = ids.filter(isUuid);
    if (wanted.length === 0) return [];
    return feedbackByIds(this.db, wanted, viewer.partnershipId);
  }

  async getFeedback(viewer: Viewer, id: string): Promise<FeedbackEntity> {
    const found = (await this.findFeedback(viewer, [id]))[0];
    if (!found) throw new NotFoundError('Feedback', id);
    return found;
  }

  /** The partnership's feedback matching the filter, newest first, a page at a time. */
  async listFeedback(
    viewer: Viewer,
    filter: FeedbackFilter | null | undefined,
    first?: number | null,
    after?: string | null,
  ): Promise<FeedbackPage> {
    assertViewer(viewer);
    const size = pageSize(first);
    const f = filter ?? {};
    const q: FeedbackListQuery = {
      partnershipId: viewer.partnershipId,
      filter: f,
      tag: null,
      size,
      after: null,
    };
    if (f.objectiveId != null && !isUuid(f.objectiveId)) {
      throw new BadInputError('objectiveId', 'Not an objective id.');
    }
    if (f.tag != null && f.tag.trim() !== '') {
      const tag = parseTagRef(f.tag, 'tag');
      q.tag = { kind: tag.kind, slug: tag.slug };
    }
    checkFeedbackFilter(f);
    if (after != null) {
      const [receivedOn, id] = decodeCursor(after, 2);
      if (!isIsoDate(receivedOn) || !isUuid(id)) {
        throw new BadInputError('after', 'The cursor is not valid; use a cursor this API returned.');
      }
      q.after = [receivedOn, id];
    }
    const { rows, total } = await feedbackPage(this.db, q);
    const page = toPage(rows, size, (row) => [row.receivedOn, row.id]);
    return { ...page, totalCount: total };
  }

  /** The feedback speaking to each objective (of the viewer's partnership), newest first. */
  async feedbackByObjective(viewer: Viewer, objectiveIds: readonly string[]): Promise<FeedbackEntity[][]> {
    assertViewer(viewer);
    const wanted = objectiveIds.filter(isUuid);
    const rows = wanted.length ? await feedbackOfObjectives(this.db, wanted, viewer.partnershipId) : [];
    return groupByKey(rows, objectiveIds, (r) => r.objectiveId).map((list) =>
      list.map(({ objectiveId: _o, ...fb }) => fb as FeedbackEntity),
    );
  }

  /** Objectives each feedback speaks to (by code). Callers pass ids of feedback they already read. */
  async objectivesByFeedback(feedbackIds: readonly string[]): Promise<ObjectiveEntity[][]> {
    const links = feedbackIds.length
      ? await this.db
          .getRepository(FeedbackObjectiveEntity)
          .find({ where: { feedbackId: In([...feedbackIds]) }, relations: { objective: true } })
      : [];
    return groupByKey(links, feedbackIds, (l) => l.feedbackId).map((list) =>
      objectivesByCode(list.map((l) => l.objective)),
    );
  }

  async tagsByFeedback(feedbackIds: readonly string[]): Promise<FeedbackTagRow[][]> {
    const rows = feedbackIds.length ? await tagsOfFeedback(this.db, feedbackIds) : [];
    return groupByKey(rows, feedbackIds, (r) => r.feedbackId).map((list) =>
      list.map(({ feedbackId: _f, ...tag }) => tag),
    );
  }

  /** Responses to each feedback, oldest first. */
  async responsesByFeedback(feedbackIds: readonly string[]): Promise<FeedbackResponseEntity[][]> {
    const rows = feedbackIds.length
      ? await this.db.getRepository(FeedbackResponseEntity).find({
          where: { feedbackId: In([...feedbackIds]) },
          order: { respondedOn: 'ASC', createdAt: 'ASC' },
        })
      : [];
    return groupByKey(rows, feedbackIds, (r) => r.feedbackId);
  }

  /** The actions each response names. */
  async actionsByResponse(responseIds: readonly string[]): Promise<ActionEntity[][]> {
    const links = responseIds.length
      ? await this.db
          .getRepository(FeedbackResponseActionEntity)
          .find({ where: { responseId: In([...responseIds]) }, relations: { action: true } })
      : [];
    return groupByKey(links, responseIds, (l) => l.responseId).map((list) =>
      list
        .map((l) => l.action)
        .filter((a): a is ActionEntity => !!a)
        .sort((a, b) => a.ref.localeCompare(b.ref)),
    );
  }

  // ---------------------------------------------------------------- writes

  /** Records anonymous feedback (FACILITATOR, ADMIN), refusing any personal identifier. */
  async recordFeedback(
    viewer: Viewer,
    input: FeedbackInput,
    today: string = todayIso(),
  ): Promise<FeedbackEntity> {
    assertViewer(viewer);
    requireAccess(viewer, 'feedback.record');
    const forum = cleanText('forum', input.forum, { required: true, max: 200, screen: false })!;
    const summary = cleanText('summary', input.summary, { required: true, max: 5000, screen: false })!;
    assertNoPersonalIdentifiers('forum', forum);
    assertNoPersonalIdentifiers('summary', summary);
    assertNoPersonalIdentifiersInTags('tags', input.tags);
    const receivedOn = input.receivedOn;
    if (!isIsoDate(receivedOn)) throw new BadInputError('receivedOn', 'Give a real date as YYYY-MM-DD.');
    if (receivedOn > today) throw new BadInputError('receivedOn', 'receivedOn cannot be in the future.');
    const objectiveIds = cleanIds('objectiveIds', input.objectiveIds);
    const meetingId = input.meetingId || null;
    return this.db.transaction(async (tx) => {
      if (meetingId) {
        await VoiceLoopService.assertMeetingFits(tx, viewer.partnershipId, meetingId, forum, receivedOn);
      }
      if (objectiveIds.length) {
        const found = await countPartnershipObjectives(tx, objectiveIds, viewer.partnershipId);
        if (found !== objectiveIds.length) {
          throw new BadInputError('objectiveIds', 'One of these objectives does not exist.');
        }
      }
      const tags = await this.tags.resolveTags(tx, viewer.partnershipId, input.tags ?? [], 'tags');
      const saved = await tx.getRepository(FeedbackEntity).save({
        partnershipId: viewer.partnershipId,
        forum,
        receivedOn,
        summary,
        recordedBy: viewer.id,
        meetingId,
      });
      if (objectiveIds.length) {
        await tx
          .getRepository(FeedbackObjectiveEntity)
          .insert(objectiveIds.map((objectiveId) => ({ feedbackId: saved.id, objectiveId })));
      }
      if (tags.length) {
        await tx
          .getRepository(FeedbackTagEntity)
          .insert(tags.map((t) => ({ feedbackId: saved.id, tagId: t.id })));
      }
      await writeAudit(tx, {
        partnershipId: viewer.partnershipId,
        actorId: viewer.id,
        operation: 'recordFeedback',
        entityType: 'Feedback',
        entityId: saved.id,
        before: null,
        after: { ...(snapshot(saved) as object), objectiveIds, tags: tags.map(tagRef) },
      });
      return saved;
    });
  }

  /** Records a "you said, we did" response (FACILITATOR, ADMIN) with the actions taken. */
  async respondToFeedback(
    viewer: Viewer,
    input: FeedbackResponseInput,
    today: string = todayIso(),
  ): Promise<FeedbackEntity> {
    assertViewer(viewer);
    requireAccess(viewer, 'feedback.record');
    const feedback = await this.getFeedback(viewer, input.feedbackId);
    const text = cleanText('response', input.response, { required: true, max: 5000, screen: false })!;
    assertNoPersonalIdentifiers('response', text);
    const respondedOn = input.respondedOn ?? today;
    if (!isIsoDate(respondedOn)) throw new BadInputError('respondedOn', 'Give a real date as YYYY-MM-DD.');
    if (respondedOn > today) throw new BadInputError('respondedOn', 'respondedOn cannot be in the future.');
    if (respondedOn < feedback.receivedOn) {
      throw new BadInputError('respondedOn', 'respondedOn cannot be before the feedback was received.');
    }
    const actionIds = cleanIds('actionIds', input.actionIds);
    const responseObjectiveIds = cleanIds('objectiveIds', input.objectiveIds);
    return this.db.transaction(async (tx) => {
      if (actionIds.length) {
        const found = await countPartnershipActions(tx, actionIds, viewer.partnershipId);
        if (found !== actionIds.length) {
          throw new BadInputError('actionIds', 'One of these actions does not exist.');
        }
      }
      const response = await tx.getRepository(FeedbackResponseEntity).save({
        feedbackId: feedback.id,
        text,
        respondedOn,
        recordedBy: viewer.id,
      });
      if (actionIds.length) {
        await tx
          .getRepository(FeedbackResponseActionEntity)
          .insert(actionIds.map((actionId) => ({ responseId: response.id, actionId })));
      }
      await VoiceLoopService.linkObjectives(tx, viewer.partnershipId, response.id, responseObjectiveIds);
      await writeAudit(tx, {
        partnershipId: viewer.partnershipId,
        actorId: viewer.id,
        operation: 'respondToFeedback',
        entityType: 'FeedbackResponse',
        entityId: response.id,
        before: null,
        after: { ...(snapshot(response) as object), actionIds, objectiveIds: responseObjectiveIds },
      });
      return feedback;
    });
  }
}
