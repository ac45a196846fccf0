import type { DataSource, EntityManager } from 'typeorm';
import { TagEntity } from './tag.entity';

/*
 * The tags module's SQL. Services keep the rules and call these; a function that takes an
 * EntityManager runs in the caller's transaction.
 */

/**
 * SQL predicate: the tag (alias `t`) may be shown to a reader who cannot see confidential reviews.
 * A tag written only on confidential reviews' recommendations is itself confidential (its words,
 * e.g. "theme:strangulation-in-pregnancy", say what the review is about), so it is hidden from
 * every list a reader without that right can reach (`tags`, `tagCoverage`, the pickers built on
 * them). A tag also used anywhere else, or not used at all, is shown. See docs/security.md.
 */
export function tagShownWithoutConfidentialSql(t: string): string {
  return `(NOT EXISTS (
      SELECT 1 FROM recommendation_tag crt
      JOIN recommendation cr ON cr.id = crt.recommendation_id
      JOIN review crv ON crv.id = cr.review_id AND crv.confidential
      WHERE crt.tag_id = ${t}.id)
    OR EXISTS (SELECT 1 FROM action_tag oat WHERE oat.tag_id = ${t}.id)
    OR EXISTS (SELECT 1 FROM feedback_tag oft WHERE oft.tag_id = ${t}.id)
    OR EXISTS (
      SELECT 1 FROM recommendation_tag ort
      JOIN recommendation orr ON orr.id = ort.recommendation_id
      JOIN review orv ON orv.id = orr.review_id AND NOT orv.confidential
      WHERE ort.tag_id = ${t}.id))`;
}

/** Inserts the partnership's tags not there yet (kinds[i], slugs[i], labels[i]); race-safe. */
export async function insertMissingTags(
  tx: EntityManager,
  partnershipId: string,
  kinds: readonly string[],
  slugs: readonly string[],
  labels: readonly string[],
): Promise<void> {
  await tx.query(
    `INSERT INTO tag (partnership_id, kind, slug, label)
     SELECT $1, k, s, l FROM unnest($2::text[], $3::text[], $4::text[]) AS x(k, s, l)
     ON CONFLICT (partnership_id, kind, slug) DO NOTHING`,
    [partnershipId, kinds, slugs, labels],
  );
}

/** The partnership's tags with these (kinds[i], slugs[i]), in no particular order. */
export function tagsByKindAndSlug(
  tx: EntityManager,
  partnershipId: string,
  kinds: readonly string[],
  slugs: readonly string[],
): Promise<TagEntity[]> {
  return tx
    .getRepository(TagEntity)
    .createQueryBuilder('t')
    .where('t.partnership_id = :partnershipId', { partnershipId })
    .andWhere('(t.kind, t.slug) IN (SELECT * FROM unnest(:kinds::text[], :slugs::text[]))', {
      kinds,
      slugs,
    })
    .getMany();
}

/**
 * The partnership's tags, optionally of one kind, by kind, label, slug; without those only confidential
 * reviews use when `hideConfidential`.
 */
export function partnershipTags(
  db: DataSource,
  partnershipId: string,
  kind: string | null | undefined,
  hideConfidential: boolean,
): Promise<TagEntity[]> {
  const qb = db
    .getRepository(TagEntity)
    .createQueryBuilder('t')
    .where('t.partnership_id = :p', { p: partnershipId });
  if (kind != null) qb.andWhere('t.kind = :kind', { kind });
  if (hideConfidential) qb.andWhere(tagShownWithoutConfidentialSql('t'));
  return qb.orderBy('t.kind', 'ASC').addOrderBy('t.label', 'ASC').addOrderBy('t.slug', 'ASC').getMany();
}
