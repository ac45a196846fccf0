import { error, fail, redirect } from '@sveltejs/kit';
import {
  WebAddMilestoneDocument,
  WebCompleteMilestoneDocument,
  WebMarkImplementedDocument,
  WebRecordAgencyResponseDocument,
  WebReviewPlanDocument,
} from '@throughline/sdk';
import { apiErrors, load as query } from '$lib/graphql/server-client';
import { FormReader } from '$lib/forms';
import { toFormErrors } from '$lib/server/form-errors';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, url }) => {
  const { review } = await query(locals.api, WebReviewPlanDocument, { id: params.id });
  if (!review) error(404, { message: 'There is no such review, or you cannot see it.' });
  return { review, saved: url.searchParams.get('saved'), at: url.searchParams.get('at') };
};

/** Each form names its recommendation, so errors show beside the right one. */
const done = (id: string, saved: string, rec: string) =>
  redirect(303, `/reviews/${id}/plan?saved=${saved}&at=${rec}#rec-${rec}`);

export const actions: Actions = {
  respond: async ({ locals, params, request }) => {
    const form = new FormReader(await request.formData());
    const rec = form.text('recommendationId');
    const respondedOn = form.date('respondedOn', 'the date of the response', true);
    const agency = form.text('agency');
    const text = form.text('text');
    if (!agency) form.errors.push({ field: 'agency', message: 'Enter the agency that responded' });
    if (!text) form.errors.push({ field: 'text', message: 'Enter what the agency said' });
    if (!form.ok) return fail(400, { respond: { rec, ...form.state() } });
    const result = await locals.api
      .mutation(WebRecordAgencyResponseDocument, {
        input: { recommendationId: rec, agency, respondedOn: respondedOn!, text },
      })
      .toPromise();
    const errors = apiErrors(result);
    if (errors.length) {
      return fail(400, {
        respond: { rec, ...form.state(toFormErrors(errors, ['agency', 'respondedOn', 'text'])) },
      });
    }
    done(params.id, 'response', rec);
  },
  milestone: async ({ locals, params, request }) => {
    const form = new FormReader(await request.formData());
    const rec = form.text('recommendationId');
    const title = form.text('title');
    const targetOn = form.date('targetOn', 'the target date', true);
    if (!title) form.errors.push({ field: 'title', message: 'Enter the milestone' });
    if (!form.ok) return fail(400, { milestone: { rec, ...form.state() } });
    const result = await locals.api
      .mutation(WebAddMilestoneDocument, { input: { recommendationId: rec, title, targetOn: targetOn! } })
      .toPromise();
    const errors = apiErrors(result);
    if (errors.length) {
      return fail(400, { milestone: { rec, ...form.state(toFormErrors(errors, ['title', 'targetOn'])) } });
    }
    done(params.id, 'milestone', rec);
  },
  complete: async ({ locals, params, request }) => {
    const form = new FormReader(await request.formData());
    const rec = form.text('recommendationId');
    const result = await locals.api
      .mutation(WebCompleteMilestoneDocument, {
        input: { id: form.text('milestoneId'), version: Number(form.text('version')) || 0 },
      })
      .toPromise();
    const errors = apiErrors(result);
    if (errors.some((e) => e.code === 'CONFLICT')) {
      return fail(409, {
        complete: {
          rec,
          ...form.state([
            { message: 'This milestone was changed by someone else. Check it below, then try again.' },
          ]),
        },
      });
    }
    if (errors.length) return fail(400, { complete: { rec, ...form.state(toFormErrors(errors, [])) } });
    done(params.id, 'completed', rec);
  },
  implemented: async ({ locals, params, request }) => {
    const form = new FormReader(await request.formData());
    const rec = form.text('recommendationId');
    const evidence = form.text('evidence');
    const effectiveOn = form.date('effectiveOn', 'the date it was implemented');
    if (!evidence)
      form.errors.push({ field: 'evidence', message: 'Enter the evidence that it has been implemented' });
    if (!form.ok) return fail(400, { implemented: { rec, ...form.state() } });
    const result = await locals.api
      .mutation(WebMarkImplementedDocument, {
        input: {
          id: rec,
          status: 'IMPLEMENTED',
          evidence,
          effectiveOn,
          version: Number(form.text('version')) || null,
        },
      })
      .toPromise();
    const errors = apiErrors(result);
    if (errors.some((e) => e.code === 'CONFLICT')) {
      return fail(409, {
        implemented: {
          rec,
          ...form.state([
            { message: 'This recommendation was changed by someone else. Check it below, then try again.' },
          ]),
        },
      });
    }
    if (errors.length) {
      return fail(400, {
        implemented: { rec, ...form.state(toFormErrors(errors, ['evidence', 'effectiveOn', 'status'])) },
      });
    }
    done(params.id, 'implemented', rec);
  },
};
