import { error, fail, redirect } from '@sveltejs/kit';
import {
  WebLinkableActionsDocument,
  WebLinkRecommendationToActionDocument,
  WebRecommendationDocument,
  WebSetRecommendationStatusDocument,
  WebUnlinkRecommendationFromActionDocument,
  WebUpdateRecommendationRoutingDocument,
} from '@throughline/sdk';
import { apiErrors, load as query, type ApiError } from '$lib/graphql/server-client';
import { FormReader } from '$lib/forms';
import { RECOMMENDATION_STATUSES, mayManageReviews } from '$lib/features/reviews/labels';
import { toFormErrors } from '$lib/server/form-errors';
import { finishAction } from '$lib/server/action-result';
import { closedPeriodRefusal, REASON_FIELD } from '$lib/server/closed-period';
import type { Client } from '@urql/core';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, url }) => {
  const { recommendation } = await query(locals.api, WebRecommendationDocument, { id: params.id });
  if (!recommendation) error(404, { message: 'There is no such recommendation, or you cannot see it.' });
  const picker = mayManageReviews(locals.viewer) ? await findActions(locals.api, url) : null;
  return {
    recommendation,
    picker,
    saved: url.searchParams.get('saved'),
    // Saved as a correction of a closed period: the round whose record lists it.
    restated: url.searchParams.get('restated'),
  };
};

const PAGE = 20;
const STATUS_FIELDS = ['status', 'evidence', 'effectiveOn', REASON_FIELD] as const;
const ROUTING_FIELDS = ['addressedTo', 'sentOn', 'acknowledgedOn', 'answeredOn', 'answer'] as const;

/**
 * The "link to an action" picker: any action of the partnership, found on the server by words of its
 * ref or title (`q`), a page at a time (`after`), so it is never limited to a first hundred.
 */
async function findActions(api: Client, url: URL) {
  const q = (url.searchParams.get('q') ?? '').trim();
  const after = url.searchParams.get('after');
  const result = await api
    .query(WebLinkableActionsDocument, { text: q || null, first: PAGE, after: after || null })
    .toPromise();
  const errors = apiErrors(result);
  // Search words the API refuses (too long, a stale cursor) are the search box's error, not a broken page.
  if (errors.length || !result.data) {
    return {
      q,
      after,
      error: toFormErrors(errors, [], {})[0]?.message,
      totalCount: 0,
      actions: [],
      next: null,
    };
  }
  const { actions } = result.data;
  const params = (cursor: string) => new URLSearchParams({ ...(q ? { q } : {}), after: cursor }).toString();
  return {
    q,
    after,
    error: undefined,
    totalCount: actions.totalCount,
    actions: actions.edges.map((e) => e.node),
    next:
      actions.pageInfo.hasNextPage && actions.pageInfo.endCursor ? params(actions.pageInfo.endCursor) : null,
  };
}

export const actions: Actions = {
  status: async ({ locals, params, request }) => {
    const form = new FormReader(await request.formData());
    const status = form.choice('status', RECOMMENDATION_STATUSES, 'the new status');
    const effectiveOn = form.date('effectiveOn', 'the date it took effect');
    // A reason already typed for restating a closed period stays on the form whatever is refused.
    const restateOffer = (errors: ApiError[]) => closedPeriodRefusal(errors, form, 'status', locals.viewer);
    if (!form.ok) return fail(400, { status: { ...form.state(), restate: restateOffer([]).restate } });
    const result = await locals.api
      .mutation(WebSetRecommendationStatusDocument, {
        input: {
          id: params.id,
          status: status!,
          evidence: form.optionalText('evidence'),
          effectiveOn,
          version: Number(form.text('version')) || null,
          restatementReason: form.optionalText(REASON_FIELD),
        },
      })
      .toPromise();
    const errors = apiErrors(result);
    if (errors.length && !errors.some((e) => e.code === 'CONFLICT')) {
      const refused = restateOffer(errors);
      return fail(400, {
        status: {
          ...form.state(toFormErrors(refused.errors, STATUS_FIELDS)),
          restate: refused.restate,
        },
      });
    }
    const round = form.optionalText(REASON_FIELD) && form.optionalText('restatedRound');
    return finishAction('status', result, form, {
      fields: STATUS_FIELDS,
      done: `/reviews/recommendations/${params.id}?saved=status${round ? `&restated=${encodeURIComponent(round)}` : ''}`,
      conflictMessage:
        'This recommendation was changed by someone else while you were editing. Check its current status and history below, then try again.',
    });
  },
  routing: async ({ locals, params, request }) => {
    const form = new FormReader(await request.formData());
    const sentOn = form.date('sentOn', 'the date it was sent');
    const acknowledgedOn = form.date('acknowledgedOn', 'the date it was acknowledged');
    const answeredOn = form.date('answeredOn', 'the date it was answered');
    if (!form.ok) return fail(400, { routing: form.state() });
    const result = await locals.api
      .mutation(WebUpdateRecommendationRoutingDocument, {
        input: {
          id: params.id,
          version: Number(form.text('version')),
          addressedTo: form.optionalText('addressedTo'),
          sentOn,
          acknowledgedOn,
          answeredOn,
          answer: form.optionalText('answer'),
        },
      })
      .toPromise();
    return finishAction('routing', result, form, {
      fields: ROUTING_FIELDS,
      done: `/reviews/recommendations/${params.id}?saved=routing`,
      conflictMessage:
        'This recommendation was changed by someone else while you were editing. Check what it says now below, then try again.',
    });
  },
  link: async ({ locals, params, request }) => {
    const form = new FormReader(await request.formData());
    const actionIds = form.all('actionId');
    if (!actionIds.length)
      return fail(400, { link: form.state([{ field: 'actionId', message: 'Select the actions to link' }]) });
    // One link at a time: each is its own audited change; the first refusal stops the rest, and says
    // which were linked before it.
    for (const [i, actionId] of actionIds.entries()) {
      const result = await locals.api
        .mutation(WebLinkRecommendationToActionDocument, { recommendationId: params.id, actionId })
        .toPromise();
      const errors = apiErrors(result);
      if (errors.length) {
        const done = i ? [{ message: `${i} of the ${actionIds.length} actions selected were linked.` }] : [];
        return fail(400, { link: form.state([...toFormErrors(errors, ['actionId']), ...done]) });
      }
    }
    redirect(303, `/reviews/recommendations/${params.id}?saved=link`);
  },
  unlink: async ({ locals, params, request }) => {
    const form = new FormReader(await request.formData());
    const result = await locals.api
      .mutation(WebUnlinkRecommendationFromActionDocument, {
        recommendationId: params.id,
        actionId: form.text('actionId'),
      })
      .toPromise();
    const errors = apiErrors(result);
    if (errors.length) return fail(400, { unlink: form.state(toFormErrors(errors, [])) });
    redirect(303, `/reviews/recommendations/${params.id}?saved=unlink`);
  },
};
