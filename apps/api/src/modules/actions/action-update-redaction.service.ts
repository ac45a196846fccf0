import type { DataSource } from 'typeorm';
import { ConflictError, NotFoundError, UnauthenticatedError } from '../../errors/errors';
import type { Viewer } from '../../shared/viewer';
import { isUuid } from '../../database/ids';
import { assertWordsOccur, cleanRedaction, redactAuditTrail } from '../audit/redaction.service';
import { RedactableKind, type RedactableText } from '../audit/redaction.type';
import { ActionUpdateEntity } from './action-update.entity';
import { requireAccess } from '../../access';
import {
  lockUpdateText,
  redactableUpdate,
  redactStagedImportUpdates,
  redactUpdateText,
} from './action-update-redaction.queries';

function assertCanRedactUpdate(viewer: Viewer, groupId: string): void {
  requireAccess(viewer, 'actionUpdate.redact', { groupId });
}

/**
 * Redaction of an action update's progress and impact text (docs/security.md, "Redaction"). Who: an
 * ADMIN (the strategic leads), or the chair or coordinator of the action's group, i.e. whoever may
 * edit the action (src/access); a MEMBER who posts updates may not take words out of one
 * (docs/decisions/0020-redaction.md). The words become "[redacted]" in the update, in the staged
 * copies of the imported plan the update may have come from, and in every earlier audit snapshot of
 * the update; the audit trail gains an entry with who and why, never the words.
 */
export class ActionUpdateRedactionService {
  constructor(private readonly db: DataSource) {}

  /** The update's text for the redaction form (only for those who may redact it). */
  async readable(viewer: Viewer | null | undefined, id: string): Promise<RedactableText> {
    if (!viewer) throw new UnauthenticatedError();
    const u = isUuid(id) ? await redactableUpdate(this.db, id, viewer.partnershipId) : undefined;
    if (!u) throw new NotFoundError('ActionUpdate', id);
    assertCanRedactUpdate(viewer, u.group_id);
    return {
      kind: RedactableKind.ACTION_UPDATE,
      id: u.id,
      version: u.version,
      title: `Update of ${u.ref}, ${u.reported_on}`,
      fields: [
        { name: 'progress', label: 'Progress', text: u.progress },
        { name: 'impact', label: 'Impact', text: u.impact },
      ],
      feedbackId: null,
      actionId: u.action_id,
    };
  }

  async redactActionUpdate(
    viewer: Viewer | null | undefined,
    id: string,
    version: number,
    words: readonly string[],
    reason: string,
  ): Promise<ActionUpdateEntity> {
    if (!viewer) throw new UnauthenticatedError();
    const redaction = cleanRedaction(words, reason);
    return this.db.transaction(async (tx) => {
      const row = isUuid(id) ? await lockUpdateText(tx, id, viewer.partnershipId) : undefined;
      if (!row) throw new NotFoundError('ActionUpdate', id);
      assertCanRedactUpdate(viewer, row.group_id);
      if (row.version !== version) {
        throw new ConflictError(
          'This update has changed since you read it (another redaction, perhaps). Reload it and choose the words again.',
          { currentVersion: row.version },
        );
      }
      await assertWordsOccur(tx, [row.progress, row.impact], redaction.words);
      await redactUpdateText(tx, row.id, redaction.words);
      const saved = await tx.getRepository(ActionUpdateEntity).findOneByOrFail({ id: row.id });
      // A plan imported from a spreadsheet keeps its checked rows (the preview) for a day: the update
      // may have come from one, so the words go from the staged updates of the strategy's imports too.
      await redactStagedImportUpdates(tx, viewer.partnershipId, row.strategy_id, redaction.words);
      await redactAuditTrail(tx, {
        partnershipId: viewer.partnershipId,
        actorId: viewer.id,
        operation: 'redactActionUpdate',
        entityType: 'ActionUpdate',
        entityId: row.id,
        redaction,
        details: {
          version: saved.version,
          fields: (['progress', 'impact'] as const).filter((f) => saved[f] !== row[f]),
        },
      });
      return saved;
    });
  }
}
