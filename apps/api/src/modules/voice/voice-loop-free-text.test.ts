/**
 * The voice loop's free text outside feedback itself goes through the same personal-identifier screen
 * (personal-identifiers.ts): a forum meeting's name, a digest's forum (its title, shown to everyone
 * signed in once released) and a decision's reason. Each refusal names the field and the kind, and
 * nothing is stored.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DecideFeedbackDocument,
  PrepareFeedbackDigestDocument,
  RecordFeedbackDocument,
  RecordForumMeetingDocument,
} from '@throughline/sdk';
import type { Viewer } from '../../shared/viewer';
import { Role, startTestApp, type TestApp, type TestUser } from '../../../test/support/test-app';

const IDENTIFIERS = [
  ['Forum with Jo on 07700 900123', 'PHONE'],
  ['Forum at SW1A 1AA', 'POSTCODE'],
  ['Write to jo.bloggs@example.org forum', 'EMAIL'],
] as const;

/** The request was refused on `field` for an identifier of `kind`, without repeating the text. */
function expectScreened(
  res: { errors?: Array<{ extensions?: unknown }> },
  field: string,
  kind: string,
  text: string,
) {
  expect(res.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field, identifier: kind });
  expect(JSON.stringify(res.errors)).not.toContain(text);
}

describe('voice loop free text: the personal-identifier screen', () => {
  let t: TestApp;
  let facilitator: TestUser;
  let viewer: Viewer;

  beforeAll(async () => {
    t = await startTestApp();
    facilitator = await t.user({ roles: [Role.FACILITATOR] });
    viewer = (await t.services.identity.authenticate(facilitator.token))!;
  });
  afterAll(() => t?.close());

  it("refuses an identifier in a forum meeting's name, naming the field", async () => {
    for (const [forum, kind] of IDENTIFIERS) {
      const res = await t.request(
        RecordForumMeetingDocument,
        { input: { forum, heldOn: '2026-02-10' } },
        { token: facilitator.token },
      );
      expectScreened(res, 'forum', kind, forum);
    }
    expect(await t.services.voiceLoop.meetings(viewer)).toEqual([]);
    const ok = await t.ok(
      RecordForumMeetingDocument,
      { input: { forum: 'Evening forum', heldOn: '2026-02-10' } },
      { token: facilitator.token },
    );
    expect(ok.recordForumMeeting.forum).toBe('Evening forum');
  });

  it("refuses an identifier in a digest's forum (its title), naming the field", async () => {
    for (const [forum, kind] of IDENTIFIERS) {
      const res = await t.request(
        PrepareFeedbackDigestDocument,
        { input: { forum, periodFrom: '2026-01-01', periodTo: '2026-03-31' } },
        { token: facilitator.token },
      );
      expectScreened(res, 'forum', kind, forum);
    }
    expect(await t.services.feedbackDigests.drafts(viewer)).toEqual([]);
    // A helpline's freephone number identifies no one: the screen lets it through, as it does in feedback.
    const ok = await t.ok(
      PrepareFeedbackDigestDocument,
      { input: { forum: 'Helpline 0808 2000 247 forum', periodFrom: '2026-01-01', periodTo: '2026-03-31' } },
      { token: facilitator.token },
    );
    expect(ok.prepareFeedbackDigest.id).toBeTruthy();
    expect((await t.services.feedbackDigests.drafts(viewer)).map((d) => d.forum)).toEqual([
      'Helpline 0808 2000 247 forum',
    ]);
  });

  it("refuses an identifier in a decision's reason, naming the field", async () => {
    const fb = await t.ok(
      RecordFeedbackDocument,
      { input: { forum: 'Evening forum', receivedOn: '2026-02-10', summary: 'The refuge had no space' } },
      { token: facilitator.token },
    );
    const res = await t.request(
      DecideFeedbackDocument,
      {
        input: {
          feedbackId: fb.recordFeedback.id,
          version: fb.recordFeedback.version,
          decision: 'NOT_TAKEN_UP',
          reason: 'Ring the manager on 020 7946 0000 instead',
        },
      },
      { token: facilitator.token },
    );
    expectScreened(res, 'reason', 'PHONE', '020 7946 0000');
    // A decision makes a new version of the feedback: none was made.
    const after = await t.services.feedback.getFeedback(viewer, fb.recordFeedback.id);
    expect(after.version).toBe(fb.recordFeedback.version);
  });
});
