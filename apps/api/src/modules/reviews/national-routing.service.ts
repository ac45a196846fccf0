import type { DataSource } from 'typeorm';
import type { Viewer } from '../../shared/viewer';
import { todayIso } from '../../shared/dates';
import { RecommendationEntity, RecommendationScope } from './recommendation.entity';
import type { ReviewActionPlanService } from './review-action-plan.service';
import { pastDate } from './review-action-plan.service';
import type { RecommendationRoutingInput } from './review-plan.inputs';
import { routingWaiting } from './review-plan.rules';
import { cleanText } from './review.rules';
import { visibleRoutedRecommendations } from './recommendation.queries';
import { BadInputError } from '../../errors/errors';
import { assertViewer, requireAccess } from '../../access';

export const ROUTED_SCOPES = [RecommendationScope.NATIONAL, RecommendationScope.REGIONAL];

/**
 * National and regional recommendations routed to the body they are addressed to (docs/reviews.md):
 * when each was sent, acknowledged and answered, the answer; the national tracker (whom each waits on
 * and for how long). The chase pass is recommendation-chase.ts.
 */
export class NationalRoutingService {
  constructor(
    private readonly db: DataSource,
    private readonly plans: ReviewActionPlanService,
  ) {}

  /** Records routing dates and the answer (ADMIN, DHR_PANEL), if `version` is still current. */
  async updateRouting(
    viewer: Viewer,
    input: RecommendationRoutingInput,
    today: string = todayIso(),
  ): Promise<RecommendationEntity> {
    assertViewer(viewer);
    requireAccess(viewer, 'review.edit');
    const next: Partial<RecommendationEntity> = {};
    if (input.addressedTo !== undefined) {
      next.addressedTo = cleanText('addressedTo', input.addressedTo, { max: 200 });
    }
    for (const [field, what] of [
      ['sentOn', 'the date it was sent'],
      ['acknowledgedOn', 'the date it was acknowledged'],
      ['answeredOn', 'the date it was answered'],
    ] as const) {
      const v = input[field];
      if (v !== undefined) next[field] = v === null ? null : pastDate(field, v, today, what);
    }
    if (input.answer !== undefined) next.answer = cleanText('answer', input.answer, { max: 5000 });
    return this.plans.updateRecommendation(
      viewer,
      input.id,
      input.version,
      next,
      'updateRecommendationRouting',
      (r) => {
        if (!ROUTED_SCOPES.includes(r.scope)) {
          throw new BadInputError('id', 'Only national and regional recommendations are routed.');
        }
        if ((r.sentOn || r.acknowledgedOn || r.answeredOn) && !r.addressedTo) {
          throw new BadInputError('addressedTo', 'Say whom the recommendation is addressed to.');
        }
        if ((r.acknowledgedOn || r.answeredOn) && !r.sentOn) {
          throw new BadInputError('sentOn', 'Give the date it was sent first.');
        }
        if (r.sentOn && r.acknowledgedOn && r.acknowledgedOn < r.sentOn) {
          throw new BadInputError('acknowledgedOn', 'It cannot be acknowledged before it was sent.');
        }
        if (r.sentOn && r.answeredOn && r.answeredOn < r.sentOn) {
          throw new BadInputError('answeredOn', 'It cannot be answered before it was sent.');
        }
        if (r.answeredOn && !r.answer) throw new BadInputError('answer', 'Give the answer received.');
      },
    );
  }

  /** Every visible national and regional recommendation, longest waiting first. */
  async nationalRecommendations(viewer: Viewer, today: string = todayIso()): Promise<RecommendationEntity[]> {
    assertViewer(viewer);
    const rows = await visibleRoutedRecommendations(this.db, viewer, ROUTED_SCOPES);
    const wait = (r: RecommendationEntity) => {
      const w = routingWaiting(r, today);
      // Unsent ones first (nothing can happen until they go), then the longest waits.
      return w.waitingFor === 'SEND' ? Number.MAX_SAFE_INTEGER : w.waitingFor ? w.days : -1;
    };
    return rows
      .sort(
        (a, b) => wait(b) - wait(a) || a.reviewRef.localeCompare(b.reviewRef) || a.ref.localeCompare(b.ref),
      )
      .map(({ reviewRef: _r, ...rec }) => rec as RecommendationEntity);
  }
}
