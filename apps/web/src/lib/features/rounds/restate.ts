/**
 * What a page needs to offer the "Reason for restating this closed period" field after the API refused
 * a dated write for a closed period (lib/server/closed-period.ts): the round it would restate (null
 * when this refusal did not name one, e.g. the form was refused for another field).
 */
export interface RestateOffer {
  round: { id: string; title: string } | null;
}
