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
