/**
 * The permission matrix's shared parts (see test/permissions.test.ts): the personas, the expected
 * rows, the case shapes, and the running matrix (the test app, the personas' sessions, the fixture and
 * the helpers the case tables in test/permissions/*.cases.ts use).
 */
import type { GraphQLSchema } from 'graphql';
import { ActionStatus } from '../../src/modules/actions/action.enums';
import type { TestApp } from './test-app';

export const PERSONAS = [
  'ADMIN',
  'BOARD',
  'CHAIR_OWN',
  'COORDINATOR_OWN',
  'CHAIR_OTHER',
  'MEMBER',
  'DHR_PANEL',
  'FACILITATOR',
  'ANON',
  'OUTSIDER',
] as const;
export type Persona = (typeof PERSONAS)[number];
/**
 * BAD_USER_INPUT:<field> is how a record of another partnership named INSIDE an input answers (e.g.
 * createObjective's strategyId: "No such strategy."), exactly as a record that does not exist at all;
 * ids passed as top-level arguments answer NOT_FOUND. Either way nothing is revealed.
 */
export type Outcome = 'ok' | 'FORBIDDEN' | 'UNAUTHENTICATED' | 'NOT_FOUND' | `BAD_USER_INPUT:${string}`;
export type Sight = 'visible' | 'hidden' | 'FORBIDDEN' | 'UNAUTHENTICATED';

/** `who` succeed, other signed-in people are FORBIDDEN, anonymous UNAUTHENTICATED, the outsider as given. */
export function allow(who: Persona[], outsider: Outcome): Record<Persona, Outcome> {
  const row = {} as Record<Persona, Outcome>;
  for (const p of PERSONAS) row[p] = who.includes(p) ? 'ok' : 'FORBIDDEN';
  row.ANON = 'UNAUTHENTICATED';
  row.OUTSIDER = outsider;
  return row;
}
export const ADMIN_ONLY = (outsider: Outcome) => allow(['ADMIN'], outsider);
export const REVIEW_EDITORS = (outsider: Outcome) => allow(['ADMIN', 'DHR_PANEL'], outsider);
export const GROUP_EDITORS = (outsider: Outcome) =>
  allow(['ADMIN', 'CHAIR_OWN', 'COORDINATOR_OWN'], outsider);
export const GROUP_MEMBERS = (outsider: Outcome) =>
  allow(['ADMIN', 'CHAIR_OWN', 'COORDINATOR_OWN', 'MEMBER'], outsider);
export const FEEDBACK_RECORDERS = (outsider: Outcome) => allow(['ADMIN', 'FACILITATOR'], outsider);

/** Who sees a record: `who` see it, other signed-in people do not, anonymous callers are refused. */
export function seen(who: Persona[] | 'everyone'): Record<Persona, Sight> {
  const row = {} as Record<Persona, Sight>;
  for (const p of PERSONAS) row[p] = who === 'everyone' || who.includes(p) ? 'visible' : 'hidden';
  row.ANON = 'UNAUTHENTICATED';
  row.OUTSIDER = 'hidden';
  return row;
}
export const CONFIDENTIAL = seen(['ADMIN', 'DHR_PANEL']);
/** A message is seen by its recipient only. */
export const MESSAGE_TO_ADMIN = seen(['ADMIN']);
export const EVERYONE = seen('everyone');
export const ADMIN_SEES = (() => {
  const row = {} as Record<Persona, Sight>;
  for (const p of PERSONAS) row[p] = 'FORBIDDEN';
  row.ADMIN = 'visible';
  row.ANON = 'UNAUTHENTICATED';
  row.OUTSIDER = 'hidden';
  return row;
})();

export type Vars = Record<string, unknown>;
export interface MutationCase {
  /** The Mutation field exercised. */
  field: string;
  /** What the case is about, when one field has several cases. */
  label?: string;
  doc: string;
  vars: (p: Persona) => Vars | Promise<Vars>;
  expect: Record<Persona, Outcome>;
  /** A token to use instead of the persona's own (logout must not end the persona's session). */
  token?: (p: Persona) => Promise<string | null>;
}
export interface ReadCase {
  field: string;
  label: string;
  doc: string;
  vars?: Vars;
  /** Whether the data shows the record the case is about. */
  shows: (data: never) => boolean | Promise<boolean>;
  expect: Record<Persona, Sight>;
}

export interface Fixture {
  strategy: string;
  objective: string;
  outcome: string;
  output: string;
  indicator: string;
  groupOwn: string;
  groupOther: string;
  actionOwn: string;
  actionOther: string;
  reviewPublic: string;
  reviewConfidential: string;
  recPublic: string;
  recConfidential: string;
  recNational: string;
  feedback: string;
  /** A "you said, we did" digest still in DRAFT. */
  digestDraft: string;
  meeting: string;
  bystander: string;
  actionImport: string;
  roundStrategy: string;
  round: string;
  returnOwn: string;
  /** A message to the ADMIN persona. */
  message: string;
}

/** The running matrix: filled by `setUpMatrix` (test/support/permission-fixture.ts) in beforeAll. */
export class Matrix {
  t!: TestApp;
  schema!: GraphQLSchema;
  readonly users = {} as Record<Persona, { id: string | null; token: string | null; email?: string }>;
  readonly f = {} as Fixture;
  readonly notes: string[] = [];

  readonly adminOk = async <T = Record<string, never>>(doc: string, vars: Vars = {}): Promise<T> =>
    this.t.ok<T>(doc, vars, { token: this.users.ADMIN.token });
  readonly version = async (table: string, id: string): Promise<number> =>
    (await this.t.dataSource.query(`SELECT version FROM ${table} WHERE id = $1`, [id]))[0].version;
  readonly exists = (kind: 'mutation' | 'query', field: string) =>
    !!(kind === 'mutation' ? this.schema.getMutationType() : this.schema.getQueryType())?.getFields()[field];
  /**
   * Fresh feedback (with one response) and a fresh update holding `word`, to redact (docs/security.md).
   * Made through the services, not the API: the admin's mutation rate limit is for the cases themselves.
   */
  readonly redactable = async (word: string) => {
    const viewer = (await this.t.services.identity.authenticate(this.users.ADMIN.token!))!;
    const fb = await this.t.services.feedback.recordFeedback(viewer, {
      forum: 'Survivor forum',
      receivedOn: '2025-05-01',
      summary: `Said by ${word}`,
    });
    await this.t.services.feedback.respondToFeedback(viewer, {
      feedbackId: fb.id,
      response: `Answered ${word}`,
    });
    const [response] = await this.t.dataSource.query(
      `SELECT id FROM feedback_response WHERE feedback_id = $1`,
      [fb.id],
    );
    const update = await this.t.services.actions.addActionUpdate(viewer, {
      actionId: this.f.actionOwn,
      status: ActionStatus.IN_PROGRESS,
      progress: `Visited ${word}`,
    });
    return { feedback: fb.id, response: response.id as string, update: update.id };
  };
  /** A checked upload of a one-action plan, by the admin (POST /api/strategies/:id/action-imports). */
  readonly stageImport = async (ref: string): Promise<string> => {
    const form = new FormData();
    form.append(
      'file',
      new Blob([`Ref,Objective,Title,Group\n${ref},O1,Imported action,Own group\n`]),
      'plan.csv',
    );
    const res = await fetch(`${this.t.url}/api/strategies/${this.f.strategy}/action-imports`, {
      method: 'POST',
      headers: { authorization: `Bearer ${this.users.ADMIN.token}` },
      body: form,
    });
    const body = (await res.json()) as { preview?: { id: string } };
    if (res.status !== 201) throw new Error(`staging an import failed: ${JSON.stringify(body)}`);
    return body.preview!.id;
  };

  /** A new message to the given person (notify is a service call: no mutation records messages). */
  readonly messageTo = (recipientId: string, key: string): Promise<string> =>
    this.t.dataSource.transaction(async (manager) => {
      await this.t.services.notifications.notify(manager, {
        partnershipId: this.t.partnershipId,
        recipientId,
        kind: 'RETURN_APPROVED',
        dedupeKey: `permissions:${key}`,
        subject: 'Your return was approved',
        body: 'The Housing return was approved.',
        link: '/',
      });
      const [{ id }] = await manager.query(`SELECT id FROM message WHERE dedupe_key = $1`, [
        `permissions:${key}`,
      ]);
      return id as string;
    });

  private readonly statusChain = ['OPEN', 'IN_PROGRESS', 'IMPLEMENTED', 'ASSURED'];
  readonly nextStatus = async (recId: string) => {
    const [r] = await this.t.dataSource.query(`SELECT status FROM recommendation WHERE id = $1`, [recId]);
    const i = this.statusChain.indexOf(r.status);
    // Walk forward; at the end, go back to IN_PROGRESS (a reopened recommendation).
    return i === this.statusChain.length - 1 ? 'IN_PROGRESS' : this.statusChain[i + 1];
  };

  /** Puts the own group's return back in `status` (as submitted by the bystander) and gives its version. */
  readonly returnIn = async (status: string): Promise<number> => {
    const [rows] = await this.t.dataSource.query(
      `UPDATE group_return SET status = $2, submitted_by_id = CASE WHEN $2 = 'SUBMITTED' THEN $3::uuid END
        WHERE id = $1 RETURNING version`,
      [this.f.returnOwn, status, this.f.bystander],
    );
    return rows[0].version;
  };
}
