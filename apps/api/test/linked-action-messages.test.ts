/**
 * When an action named in a "you said, we did" response is completed, cancelled or turns red, the
 * forum's facilitators are told through NotificationService (decision 0019), once per change, over a
 * real SMTP server in this process; neither the email nor the message table holds survivors' words.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RecordFeedbackDocument, RespondToFeedbackDocument } from '@throughline/sdk';
import { createLogger } from '../src/logging/logger';
import { MessageDelivery } from '../src/modules/notifications/message-delivery';
import { startSmtpInbox } from '../src/modules/notifications/test-support/smtp-inbox';
import { Role, startTestApp, type TestApp, type TestUser } from './support/test-app';

const ADD_UPDATE = `mutation($input: ActionUpdateInput!) { addActionUpdate(input: $input) { id } }`;
const SAID = 'The waiting room at the hospital felt unsafe because my partner could follow me in';
const RESPONSE = 'We asked the hospital trust to add a private waiting area near the clinic';

describe('messages about actions linked to survivor feedback', () => {
  let t: TestApp;
  let admin: TestUser;
  let facilitator: TestUser;
  let otherFacilitator: TestUser;
  let actionIds: string[];

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.user({ roles: [Role.ADMIN] });
    facilitator = await t.user({ roles: [Role.FACILITATOR], name: 'Fola Facilitator' });
    otherFacilitator = await t.user({ roles: [Role.FACILITATOR], name: 'Other Forum Facilitator' });
    const viewer = (await t.services.identity.authenticate(admin.token))!;
    const strategy = await t.services.strategy.createStrategy(viewer, { title: 'Voice plan' });
    const objective = await t.services.strategy.createObjective(viewer, {
      strategyId: strategy.id,
      code: 'V1',
      title: 'Objective V1',
    });
    const group = await t.services.operationalGroups.createOperationalGroup(viewer, { name: 'Health group' });
    actionIds = [];
    for (const ref of ['H-1', 'H-2', 'H-3']) {
      actionIds.push(
        (
          await t.services.actions.createAction(viewer, {
            objectiveId: objective.id,
            groupId: group.id,
            ref,
            title: `Hospital action ${ref}`,
            agreedOn: '2026-01-01',
          })
        ).id,
      );
    }
    const fb = await t.ok(
      RecordFeedbackDocument,
      { input: { forum: 'Hospital forum', receivedOn: '2026-02-10', summary: SAID } },
      { token: facilitator.token },
    );
    await t.ok(
      RespondToFeedbackDocument,
      {
        input: {
          feedbackId: fb.recordFeedback.id,
          response: RESPONSE,
          actionIds: [actionIds[0], actionIds[1]],
        },
      },
      { token: facilitator.token },
    );
    // Another forum, another facilitator: they hear nothing of the hospital forum's actions.
    await t.ok(
      RecordFeedbackDocument,
      { input: { forum: 'Elsewhere forum', receivedOn: '2026-02-01', summary: 'Something else' } },
      { token: otherFacilitator.token },
    );
  });
  afterAll(() => t?.close());

  it("tells the forum's facilitators over SMTP when a linked action completes, stops or turns red, with no survivor text", async () => {
    const inbox = await startSmtpInbox();
    const delivery = new MessageDelivery(
      t.dataSource,
      { smtpUrl: inbox.url, from: 'Throughline <tl@example.org>', publicUrl: 'https://tl.example.org' },
      createLogger('silent'),
    );
    try {
      const update = (actionId: string, status: string, rag: string | null) =>
        t.ok(
          ADD_UPDATE,
          { input: { actionId, status, rag, progress: 'Reported by the group.' } },
          { token: admin.token },
        );
      await update(actionIds[0], 'IN_PROGRESS', 'AMBER'); // nothing to tell
      await update(actionIds[0], 'IN_PROGRESS', 'RED'); // turned red
      await update(actionIds[0], 'IN_PROGRESS', 'RED'); // still red: told once
      await update(actionIds[1], 'COMPLETE', null); // completed
      await update(actionIds[1], 'CANCELLED', null); // then cancelled
      await update(actionIds[2], 'CANCELLED', null); // not linked to any feedback
      const rows: Array<{ recipient_id: string; kind: string; subject: string; body: string; link: string }> =
        await t.dataSource.query(
          `SELECT recipient_id, kind, subject, body, link FROM message ORDER BY created_at, subject`,
        );
      expect(rows.map((r) => [r.recipient_id, r.kind, r.subject, r.link])).toEqual([
        [facilitator.id, 'LINKED_ACTION_CHANGED', 'Action H-1 is now rated red', `/actions/${actionIds[0]}`],
        [facilitator.id, 'LINKED_ACTION_CHANGED', 'Action H-2 is complete', `/actions/${actionIds[1]}`],
        [facilitator.id, 'LINKED_ACTION_CHANGED', 'Action H-2 was cancelled', `/actions/${actionIds[1]}`],
      ]);
      // Each recorded once, with its audit entry.
      const [{ n }] = await t.dataSource.query(
        `SELECT count(*)::int AS n FROM audit_entry WHERE operation = 'notify'`,
      );
      expect(n).toBe(3);

      expect(await delivery.deliverDue()).toEqual({ sent: 3, failed: 0 });
      expect(inbox.mails.map((m) => m.to)).toEqual([
        [facilitator.email],
        [facilitator.email],
        [facilitator.email],
      ]);
      const texts = inbox.mails.map((m) => m.text).join('\n');
      expect(texts).toMatch(/Action H-2 \(Hospital action H-2\) is complete/);
      expect(texts).toContain(`https://tl.example.org/actions/${actionIds[1]}`);
      const everything = JSON.stringify(rows) + inbox.mails.map((m) => m.raw + m.text).join('\n');
      for (const words of [SAID, RESPONSE, 'Hospital forum', 'waiting room', 'private waiting area']) {
        expect(everything).not.toContain(words);
      }
    } finally {
      delivery.close();
      await inbox.close();
    }
  });
});
