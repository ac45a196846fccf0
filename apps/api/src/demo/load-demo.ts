import { randomBytes } from 'node:crypto';
import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import type { Viewer } from '../shared/viewer';
import { addDays } from '../shared/dates';
import type { Services } from '../graphql/services';
import { ActionStatus, Rag } from '../modules/actions/action.enums';
import { MembershipRole } from '../modules/identity/membership.entity';
import { holdsPersonalDetails } from '../modules/identity/password-policy';
import { Role, type UserEntity } from '../modules/identity/user.entity';
import { QaOutcome, ReviewKind } from '../modules/reviews/review.entity';
import { RecommendationScope, RecommendationStatus } from '../modules/reviews/recommendation.entity';
import {
  DEMO_ACTIONS,
  DEMO_FEEDBACK,
  DEMO_GROUPS,
  DEMO_PASSWORD,
  DEMO_REVIEWS,
  DEMO_STRATEGIES,
  DEMO_USERS,
  demoLogins,
  type StrategyKey,
} from './partnership-data';

/**
 * A random password nobody is told. Redrawn in the rare case that it happens to hold a demo person's
 * name or email (the password policy would refuse it): 32 random characters hold some 4-letter name
 * part about once in a few hundred loads.
 */
function unknowablePassword(): string {
  for (;;) {
    const candidate = randomBytes(24).toString('base64url');
    if (!DEMO_USERS.some((d) => holdsPersonalDetails(candidate, d))) return candidate;
  }
}

/** pg_advisory_lock key: "demo" in ASCII, so that two replicas starting together load it once. */
const DEMO_LOCK_KEY = 0x64656d6f;

export interface DemoLogin {
  role: string;
  email: string;
  password: string;
}

export interface DemoResult {
  /** true when this call loaded the demo; false when a strategy already existed. */
  loaded: boolean;
  ms: number;
  /** The role sign-ins to print, when the demo logins exist (never in production). */
  logins: DemoLogin[];
  counts?: Record<string, number>;
  /** Milliseconds spent per phase of the load. */
  phases?: Record<string, number>;
}

export interface DemoOptions {
  /**
   * false (production): the demo people are created with random passwords nobody knows, so the demo's
   * data has its chairs and authors but no one can sign in as them, and nothing is printed.
   */
  withLogins: boolean;
}

function viewerFor(user: UserEntity, memberships: Map<string, MembershipRole> = new Map()): Viewer {
  return {
    id: user.id,
    partnershipId: user.partnershipId,
    email: user.email,
    name: user.name,
    roles: user.roles,
    memberships,
    sessionId: 'demo-loader',
  };
}

/**
 * Loads the demo partnership (partnership-data.ts) when the database holds no strategy yet, through the
 * services, so every validation, permission and audit rule applies as it would to a person. Idempotent:
 * the check and the load run under an advisory lock, and a second call finds the strategies and stops.
 */
export async function loadDemo(
  services: Services,
  dataSource: DataSource,
  partnershipId: string,
  logger: Logger,
  options: DemoOptions,
): Promise<DemoResult> {
  const startedAt = Date.now();
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [DEMO_LOCK_KEY]);
    try {
      const [{ exists }] = (await runner.query('SELECT EXISTS (SELECT 1 FROM strategy) AS exists')) as Array<{
        exists: boolean;
      }>;
      if (exists) {
        return { loaded: false, ms: Date.now() - startedAt, logins: await existingLogins(services, options) };
      }
      const { counts, phases } = await build(services, partnershipId, options);
      const ms = Date.now() - startedAt;
      logger.info({ ms, counts, phases }, 'demo partnership loaded');
      return { loaded: true, ms, counts, phases, logins: options.withLogins ? demoLogins() : [] };
    } finally {
      await runner.query('SELECT pg_advisory_unlock($1)', [DEMO_LOCK_KEY]);
    }
  } finally {
    await runner.release();
  }
}

/** The logins to print on a later start: only if the demo admin is there and logins are allowed. */
async function existingLogins(services: Services, options: DemoOptions): Promise<DemoLogin[]> {
  if (!options.withLogins) return [];
  const admin = DEMO_USERS.find((x) => x.key === 'admin')!;
  return (await services.identity.findUserByEmail(admin.email)) ? demoLogins() : [];
}

async function build(services: Services, partnershipId: string, options: DemoOptions) {
  const counts: Record<string, number> = {};
  const count = (what: string, n = 1) => (counts[what] = (counts[what] ?? 0) + n);
  // Milliseconds per phase, logged with the counts, to keep the load under its 10-second budget.
  const phases: Record<string, number> = {};
  let phaseStart = Date.now();
  const phase = (name: string) => {
    phases[name] = Date.now() - phaseStart;
    phaseStart = Date.now();
  };

  // People. argon2 work runs on libuv's thread pool, so the hashes are made side by side. A user left
  // by an earlier, interrupted load is reused rather than refused.
  const password = options.withLogins ? DEMO_PASSWORD : unknowablePassword();
  const users = new Map<string, UserEntity>();
  await Promise.all(
    DEMO_USERS.map(async (d) => {
      const existing = await services.identity.findUserByEmail(d.email);
      const user =
        existing ??
        (await services.identity.createUser(
          partnershipId,
          { email: d.email, name: d.name, password, roles: d.roles },
          null,
          'loadDemo',
        ));
      users.set(d.key, user);
      if (!existing) count('users');
    }),
  );
  phase('users');
  const admin = viewerFor(users.get('admin')!);
  if (!admin.roles.includes(Role.ADMIN)) throw new Error('The demo admin has lost the ADMIN role.');

  // Operational groups, each with its chair and coordinator; the chair posts the group's updates.
  const groups = new Map<string, { id: string; chair: Viewer }>();
  for (const g of DEMO_GROUPS) {
    const group = await services.operationalGroups.createOperationalGroup(admin, {
      name: g.name,
      description: g.description,
      chairId: users.get(g.chair)!.id,
      coordinatorId: users.get(g.coordinator)!.id,
      memberIds: g.members.map((m) => users.get(m)!.id),
    });
    groups.set(g.key, {
      id: group.id,
      chair: viewerFor(users.get(g.chair)!, new Map([[group.id, MembershipRole.CHAIR]])),
    });
    count('groups');
  }

  phase('groups');
  // Strategies: objectives, outcomes (with indicators and measurements), outputs.
  const objectiveIds = new Map<string, string>();
  const outputIds = new Map<string, string>();
  const strategyIds = new Map<StrategyKey, string>();
  for (const s of DEMO_STRATEGIES) {
    const strategy = await services.strategy.createStrategy(admin, {
      title: s.title,
      vision: s.vision,
      startsOn: s.startsOn,
      endsOn: s.endsOn,
    });
    strategyIds.set(s.key, strategy.id);
    count('strategies');
    await inTurns([...s.objectives.entries()], async ([i, o]) => {
      const objective = await services.strategy.createObjective(admin, {
        strategyId: strategy.id,
        code: o.code,
        title: o.title,
        description: o.description,
        position: i,
      });
      objectiveIds.set(`${s.key}/${o.code}`, objective.id);
      count('objectives');
      const outcomeIds = new Map<string, string>();
      for (const [j, oc] of o.outcomes.entries()) {
        const outcome = await services.strategy.createOutcome(admin, {
          objectiveId: objective.id,
          title: oc.title,
          position: j,
        });
        outcomeIds.set(oc.key, outcome.id);
        count('outcomes');
        for (const ind of oc.indicators ?? []) {
          const indicator = await services.strategy.createIndicator(admin, {
            outcomeId: outcome.id,
            name: ind.name,
            unit: ind.unit,
            baseline: ind.baseline,
            target: ind.target,
            isRate: ind.isRate ?? false,
            tolerance: ind.tolerance ?? 0,
          });
          count('indicators');
          for (const m of ind.measurements) {
            await services.indicators.recordMeasurement(admin, {
              indicatorId: indicator.id,
              period: m.period,
              value: ind.isRate ? null : m.value,
              numerator: m.numerator ?? null,
              denominator: m.denominator ?? null,
              source:
                m.source ??
                (m.illustrative
                  ? 'illustrative'
                  : s.key === 'three-borough'
                    ? 'VAWG Partnership annual report 2019-20'
                    : 'VAWG Strategy 2021'),
              area: m.area ?? null,
            });
            count(m.area ? 'areaMeasurements' : 'measurements');
          }
          for (const t of ind.trajectory ?? []) {
            await services.indicators.setIndicatorTarget(admin, {
              indicatorId: indicator.id,
              period: t.period,
              value: t.value,
              area: t.area ?? null,
            });
            count('targets');
          }
        }
      }
      for (const [j, op] of o.outputs.entries()) {
        const output = await services.strategy.createOutput(admin, {
          objectiveId: objective.id,
          title: op.title,
          outcomeIds: op.outcomeKeys.map((k) => outcomeIds.get(k)!),
          position: j,
        });
        outputIds.set(op.key, output.id);
        count('outputs');
      }
    });
  }

  phase('strategies');
  // Actions and their dated history of updates.
  const actionIds = new Map<string, string>();
  await inTurns(DEMO_ACTIONS, async (a) => {
    const group = groups.get(a.group)!;
    const action = await services.actions.createAction(admin, {
      objectiveId: objectiveIds.get(`${a.strategy}/${a.objectiveCode}`)!,
      outputId: a.outputKey ? outputIds.get(a.outputKey)! : null,
      groupId: group.id,
      ref: a.ref,
      title: a.title,
      description: a.description,
      successMeasure: a.successMeasure,
      lead: a.lead,
      agreedOn: a.agreedOn,
      startsOn: a.startsOn,
      dueOn: a.dueOn,
      tags: a.tags,
    });
    actionIds.set(a.ref, action.id);
    count('actions');
    for (const up of a.updates) {
      await services.actions.addActionUpdate(group.chair, {
        actionId: action.id,
        reportedOn: up.reportedOn,
        rag: up.rag == null ? null : Rag[up.rag],
        status: ActionStatus[up.status],
        progress: up.progress,
        impact: up.impact,
      });
      count('actionUpdates');
    }
  });

  phase('actions');
  // DHRs, recorded by the DHR panel member: recommendations, their status history, links to actions.
  const panel = viewerFor(users.get('dhr-panel')!);
  await inTurns(DEMO_REVIEWS, async (r) => {
    const review = await services.reviews.createReview(panel, {
      kind: ReviewKind.DHR,
      ref: r.ref,
      area: r.area,
      title: r.title,
      pseudonym: r.pseudonym,
      commissionedOn: r.commissionedOn,
      notifiedOn: r.notifiedOn,
      decidedOn: r.decidedOn,
      panelStartedOn: r.panelStartedOn ?? null,
      submittedOn: r.submittedOn ?? null,
      qaOutcome: r.qaOutcome ? QaOutcome[r.qaOutcome] : null,
      qaOn: r.qaOn ?? null,
      publishedOn: r.publishedOn ?? null,
      confidential: r.confidential,
    });
    count('reviews');
    // Dated history, as a partnership that kept its tracker up to date would have it: the report made
    // its recommendations; each agency responded within a month; status changes took effect spread
    // between then and the due date (never after today), so past board views show them.
    const madeOn = r.publishedOn ?? r.submittedOn ?? r.panelStartedOn ?? r.decidedOn;
    for (const rec of r.recommendations) {
      const saved = await services.reviews.addRecommendation(panel, {
        reviewId: review.id,
        ref: rec.ref,
        text: rec.text,
        agency: rec.agency,
        scope: rec.scope ? RecommendationScope[rec.scope] : null,
        dueOn: rec.dueOn,
        madeOn,
        tags: rec.tags,
      });
      count('recommendations');
      const today = new Date().toISOString().slice(0, 10);
      const respondedOn = minDate(addDays(madeOn, 28), today);
      await services.reviewPlans.recordResponse(panel, {
        recommendationId: saved.id,
        agency: rec.agency,
        respondedOn,
        text: rec.statusSteps.length
          ? 'Accepted the recommendation and named a lead officer to deliver it.'
          : 'Accepted the recommendation; work will start once resources are agreed.',
      });
      count('agencyResponses');
      const dates = spreadDates(respondedOn, rec.dueOn, rec.statusSteps.length, today);
      for (const [i, step] of rec.statusSteps.entries()) {
        await services.recommendationStatus.setRecommendationStatus(panel, {
          id: saved.id,
          status: RecommendationStatus[step.status],
          evidence: step.evidence ?? null,
          effectiveOn: dates[i],
        });
      }
      for (const ref of rec.actionRefs) {
        await services.recommendationStatus.linkRecommendationToAction(panel, saved.id, actionIds.get(ref)!);
        count('recommendationActionLinks');
      }
    }
  });

  phase('reviews');
  // Survivors' words, recorded by the forum facilitator, with "you said, we did" responses.
  const facilitator = viewerFor(users.get('facilitator')!);
  await inTurns(DEMO_FEEDBACK, async (f) => {
    const feedback = await services.feedback.recordFeedback(facilitator, {
      forum: f.forum,
      receivedOn: f.receivedOn,
      summary: f.summary,
      objectiveIds: f.objectives.map((o) => objectiveIds.get(`${o.strategy}/${o.code}`)!),
      tags: f.tags,
    });
    count('feedback');
    for (const resp of f.responses) {
      await services.feedback.respondToFeedback(facilitator, {
        feedbackId: feedback.id,
        response: resp.text,
        respondedOn: resp.respondedOn,
        actionIds: resp.actionRefs.map((ref) => actionIds.get(ref)!),
      });
      count('feedbackResponses');
    }
  });
  phase('feedback');
  void strategyIds;
  return { counts, phases };
}

/**
 * Runs fn over items, CONCURRENCY at a time. Each commit waits for the WAL flush; a few transactions in
 * flight share those waits. Kept small so that, with the advisory lock holding one pooled connection,
 * a pool of 5 still has a spare connection for any service that reads outside its transaction.
 */
const CONCURRENCY = 3;
async function inTurns<T>(items: readonly T[], fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  let failed: unknown = null;
  const worker = async () => {
    while (next < items.length && failed === null) {
      const item = items[next++];
      try {
        await fn(item);
      } catch (e) {
        failed ??= e;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, items.length) }, worker));
  if (failed !== null) throw failed;
}

/** The lines printed at start-up, outside production. */
export function formatDemoLogins(logins: DemoLogin[]): string {
  if (!logins.length) return '';
  const width = Math.max(...logins.map((l) => l.role.length));
  return [
    'Demo sign-ins (THROUGHLINE_DEMO; not created in production):',
    ...logins.map((l) => `  ${l.role.padEnd(width)}  ${l.email}  /  ${l.password}`),
    '',
  ].join('\n');
}

const minDate = (a: string, b: string) => (a < b ? a : b);

/** `n` dates spread evenly after `from` up to `to` (or `from` when `to` is earlier), none after `today`. */
function spreadDates(from: string, to: string, n: number, today: string): string[] {
  const span = Math.max(0, (Date.parse(to) - Date.parse(from)) / 86_400_000);
  return Array.from({ length: n }, (_, i) =>
    minDate(addDays(from, Math.round((span * (i + 1)) / (n + 1))), today),
  );
}
