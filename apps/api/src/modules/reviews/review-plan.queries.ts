import type { AgencyResponseEntity } from './agency-response.entity';
import { MilestoneEntity } from './milestone.entity';
import type { Db } from './review.queries';

/**
 * The reviews module's SQL for the statutory action plan's parts: each recommendation's key milestones
 * and the agencies' dated responses. Callers pass only ids of recommendations they read visibly.
 */

/** Milestones of the recommendations, by target date. */
export function milestonesOf(db: Db, ids: readonly string[]): Promise<MilestoneEntity[]> {
  return db
    .getRepository(MilestoneEntity)
    .createQueryBuilder('m')
    .where('m.recommendation_id = ANY(:ids)', { ids: [...ids] })
    .orderBy('m.target_on')
    .addOrderBy('m.created_at')
    .getMany();
}

/** Agency responses of the recommendations, oldest first, with who recorded each as `user*` columns. */
export function agencyResponsesOf(
  db: Db,
  ids: readonly string[],
): Promise<Array<AgencyResponseEntity & Record<string, unknown>>> {
  return db.query(
    `SELECT ar.id, ar.recommendation_id AS "recommendationId", ar.agency, ar.responded_on AS "respondedOn",
              ar.text, ar.recorded_by AS "recordedBy", ar.created_at AS "createdAt",
              u.email AS "userEmail", u.name AS "userName", u.roles AS "userRoles"
       FROM agency_response ar LEFT JOIN app_user u ON u.id = ar.recorded_by
       WHERE ar.recommendation_id = ANY($1::uuid[]) ORDER BY ar.responded_on, ar.created_at, ar.id`,
    [ids],
  );
}
