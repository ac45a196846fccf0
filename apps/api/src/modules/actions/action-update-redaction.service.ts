import type { DataSource } from 'typeorm';
import { ConflictError, NotFoundError, UnauthenticatedError } from '../../errors/errors';
import type { Viewer } from '../../shared/viewer';
import { isUuid } from '../../database/ids';
import { assertWordsOccur, cleanRedaction, redactAuditTrail } from '../audit/redaction.service';
import { RedactableKind, type RedactableText } from '../audit/redaction.type';
import { ActionUpdateEntity } from './action-update.entity';
import { requireAccess } from '../../access';

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
    const [u]: Array<{
      id: string;
      action_id: string;
      ref: string;
      group_id: string;
      progress: string;
      impact: string;
      reported_on: string;
      version: number;
    }> = isUuid(id)
      ? await this.db.query(
          `SELECT u.id, u.action_id, a.ref, a.group_id, u.progress, u.impact, u.reported_on::text,
                  u.text_version AS version
             FROM action_update u JOIN action a ON a.id = u.action_id JOIN strategy s ON s.id = a.strategy_id
            WHERE u.id = $1 AND s.partnership_id = $2`,
          [id, viewer.partnershipId],
        )
      : [];
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
      const [row]: Array<{
        id: string;
        progress: string;
        impact: string;
        version: number;
        group_id: string;
        strategy_id: string;
      }> = isUuid(id)
        ? await tx.query(
            `SELECT u.id, u.progress, u.impact, u.text_version AS version, a.group_id, a.strategy_id
               FROM action_update u JOIN action a ON a.id = u.action_id JOIN strategy s ON s.id = a.strategy_id
              WHERE u.id = $1 AND s.partnership_id = $2 FOR UPDATE OF u`,
            [id, viewer.partnershipId],
          )
        : [];
      if (!row) throw new NotFoundError('ActionUpdate', id);
      assertCanRedactUpdate(viewer, row.group_id);
      if (row.version !== version) {
        throw new ConflictError(
          'This update has changed since you read it (another redaction, perhaps). Reload it and choose the words again.',
          { currentVersion: row.version },
        );
      }
      await assertWordsOccur(tx, [row.progress, row.impact], redaction.words);
      await tx.query(
        `UPDATE action_update u SET progress = redact_text(u.progress, $2), impact = redact_text(u.impact, $2),
                text_version = u.text_version + 1
          WHERE u.id = $1`,
        [row.id, redaction.words],
      );
      const saved = await tx.getRepository(ActionUpdateEntity).findOneByOrFail({ id: row.id });
      // A plan imported from a spreadsheet keeps its checked rows (the preview) for a day: the update
      // may have come from one, so the words go from the staged updates of the strategy's imports too.
      await tx.query(
        `UPDATE action_import ai
            SET rows = (SELECT coalesce(jsonb_agg(
                          CASE WHEN jsonb_typeof(x.e -> 'update') = 'object'
                               THEN jsonb_set(x.e, '{update}', redact_jsonb(x.e -> 'update', $3))
                               ELSE x.e END ORDER BY x.n), '[]'::jsonb)
                          FROM jsonb_array_elements(ai.rows) WITH ORDINALITY AS x(e, n))
          WHERE ai.partnership_id = $1 AND ai.strategy_id = $2 AND ai.rows IS DISTINCT FROM redact_jsonb(ai.rows, $3)`,
        [viewer.partnershipId, row.strategy_id, redaction.words],
      );
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
