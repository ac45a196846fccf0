import { fail, redirect } from '@sveltejs/kit';
import {
  WebActionListDocument,
  WebDecideFeedbackDocument,
  WebFeedbackDocument,
  WebRespondToFeedbackDocument,
  type FeedbackDecision,
  type FeedbackDecisionFilter,
} from '@throughline/sdk';
import { apiErrors, load as query } from '$lib/graphql/server-client';
import { FormReader } from '$lib/forms';
import { DECISIONS } from '$lib/features/voice/labels';
import { allObjectives } from '$lib/server/objectives';
import { toFormErrors } from '$lib/server/form-errors';
import type { Actions, PageServerLoad } from './$types';

const PAGE = 20;
const FILTERS = ['objective', 'responded', 'forum', 'decision', 'from', 'to', 'meeting'] as const;
const ISO = /^\d{4}-\d{2}-\d{2}$/;

export const load: PageServerLoad = async ({ locals, url }) => {
  const f = Object.fromEntries(FILTERS.map((k) => [k, url.searchParams.get(k)?.trim() ?? ''])) as Record<
    (typeof FILTERS)[number],
    string
  >;
  const decision =
    f.decision === 'UNDECIDED' || DECISIONS.some((d) => d.value === f.decision)
      ? (f.decision as FeedbackDecisionFilter)
      : null;
  const [objectives, { feedback }] = await Promise.all([
    allObjectives(locals.api),
    query(locals.api, WebFeedbackDocument, {
      filter: {
        objectiveId: f.objective || null,
        responded: f.responded === 'yes' ? true : f.responded === 'no' ? false : null,
        forum: f.forum || null,
        decision,
        receivedFrom: ISO.test(f.from) ? f.from : null,
        receivedTo: ISO.test(f.to) ? f.to : null,
        meetingId: f.meeting || null,
      },
      first: PAGE,
      after: url.searchParams.get('after') || null,
    }),
  ]);
  // The API says who may record feedback, decisions and responses (User.permissions).
  const canRecord = !!locals.viewer?.permissions.recordFeedback;
  const actions = canRecord
    ? (await query(locals.api, WebActionListDocument, { first: 100 })).actions.edges.map((e) => e.node)
    : [];
  const keep = new URLSearchParams();
  for (const k of FILTERS) if (f[k]) keep.set(k, f[k]);
  const next = new URLSearchParams(keep);
  if (feedback.pageInfo.hasNextPage && feedback.pageInfo.endCursor)
    next.set('after', feedback.pageInfo.endCursor);
  return {
    objectives,
    feedback,
    actions,
    canRecord,
    filters: f,
    query: keep.toString(),
    nextHref: feedback.pageInfo.hasNextPage ? `/voice?${next}` : null,
    firstHref: url.searchParams.get('after') ? `/voice?${keep}` : null,
    saved: url.searchParams.get('saved'),
  };
};

/** Back to the list as it was filtered, at the item just changed. */
function back(url: URL, saved: string, feedbackId: string): never {
  const params = new URLSearchParams(url.searchParams);
  for (const k of [...params.keys()]) if (k.startsWith('/')) params.delete(k);
  params.set('saved', saved);
  redirect(303, `/voice?${params}#feedback-${feedbackId}`);
}

export const actions: Actions = {
  respond: async ({ locals, request, url }) => {
    const form = new FormReader(await request.formData());
    const feedbackId = form.text('feedbackId');
    // Each feedback item has its own form; field ids carry the item's id so the summary links land.
    const ids = {
      response: `response-${feedbackId}`,
      respondedOn: `respondedOn-${feedbackId}`,
      actionIds: `actionIds-${feedbackId}`,
      objectiveIds: `objectiveIds-${feedbackId}`,
    };
    const respondedOn = form.date('respondedOn', 'the date of the response');
    if (!form.ok) {
      return fail(400, {
        respond: {
          feedbackId,
          ...form.state(),
          errors: form.errors.map((e) => ({ ...e, field: ids.respondedOn })),
        },
      });
    }
    const result = await locals.api
      .mutation(WebRespondToFeedbackDocument, {
        input: {
          feedbackId,
          response: form.text('response'),
          respondedOn,
          actionIds: form.all('actionIds'),
          objectiveIds: form.all('objectiveIds'),
        },
      })
      .toPromise();
    const errors = apiErrors(result);
    if (errors.length) {
      return fail(400, {
        respond: { feedbackId, ...form.state(toFormErrors(errors, Object.values(ids), ids)) },
      });
    }
    back(url, 'response', feedbackId);
  },

  decide: async ({ locals, request, url }) => {
    const form = new FormReader(await request.formData());
    const feedbackId = form.text('feedbackId');
    const ids = {
      decision: `decision-${feedbackId}`,
      reason: `reason-${feedbackId}`,
      decidedOn: `decidedOn-${feedbackId}`,
    };
    const decision = form.choice(
      'decision',
      DECISIONS.map((d) => d.value),
      'what was decided',
    ) as FeedbackDecision | null;
    const decidedOn = form.date('decidedOn', 'the date of the decision');
    if (!form.ok) {
      return fail(400, {
        decide: {
          feedbackId,
          ...form.state(),
          errors: form.errors.map((e) => ({ ...e, field: ids[e.field as keyof typeof ids] ?? e.field })),
        },
      });
    }
    const result = await locals.api
      .mutation(WebDecideFeedbackDocument, {
        input: {
          feedbackId,
          version: Number(form.text('version')),
          decision: decision!,
          reason: form.optionalText('reason'),
          decidedOn,
        },
      })
      .toPromise();
    const errors = apiErrors(result);
    if (errors.length) {
      return fail(errors.some((e) => e.code === 'CONFLICT') ? 409 : 400, {
        decide: { feedbackId, ...form.state(toFormErrors(errors, Object.values(ids), ids)) },
      });
    }
    back(url, 'decision', feedbackId);
  },
};
