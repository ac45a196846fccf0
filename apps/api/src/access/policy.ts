import { ForbiddenError, UnauthenticatedError } from '../errors/errors';
import { MembershipRole } from '../modules/identity/membership.entity';
import { Role } from '../modules/identity/user.entity';
import type { Viewer } from '../shared/viewer';

/**
 * Every permission the API decides, in one vocabulary (docs/security.md and docs/domain.md, "Roles"):
 * `can(viewer, action, subject)` answers, `requireAccess(viewer, action, subject)` refuses with FORBIDDEN
 * and the action's message. Services call requireAccess before they write; resolvers answer `viewerCan`
 * fields with `can`, so the web app asks instead of deciding the rules a second time.
 *
 * The rules: ADMIN (the strategic lead) may do everything; a group's CHAIR or COORDINATOR edits its
 * actions, creates actions for it and submits its reporting-round return; any member of the group posts
 * progress updates on its actions; the group's CHAIR approves or sends back its return, never the person
 * who submitted it; ADMIN and DHR_PANEL read confidential reviews and change reviews; ADMIN and
 * FACILITATOR record survivor feedback. Every signed-in user of the partnership reads the rest.
 */

/** A record an action is decided on: the group it belongs to, and for returns who submitted it. */
export interface AccessSubject {
  groupId?: string;
  submittedById?: string | null;
}

type Rule = {
  /** true: allowed; false: refused with `message`; a string: refused with that message. */
  allow: (viewer: Viewer, subject: AccessSubject) => boolean | string;
  /** FORBIDDEN's message (absent: the generic one). */
  message?: string;
};

const isAdmin = (v: Viewer) => v.roles.includes(Role.ADMIN);
const hasRole = (v: Viewer, ...roles: Role[]) => roles.some((r) => v.roles.includes(r));
const groupRole = (v: Viewer, s: AccessSubject) =>
  s.groupId === undefined ? undefined : v.memberships.get(s.groupId);
const leads = (role: MembershipRole | undefined) =>
  role === MembershipRole.CHAIR || role === MembershipRole.COORDINATOR;

const RULES = {
  /** Strategies, groups, users, imports, the audit log: the strategic lead's work. */
  administer: { allow: isAdmin },
  /** Building the strategy (strategies, objectives, outcomes, outputs, indicators). */
  'strategy.build': { allow: isAdmin },
  'group.manage': { allow: isAdmin, message: 'Only an admin may manage operational groups.' },
  'plan.import': { allow: isAdmin, message: 'Only an admin may import actions.' },
  /** With a groupId: that group's actions; without: the actions of at least one group. */
  'action.create': {
    allow: (v, s) =>
      isAdmin(v) ||
      (s.groupId === undefined ? [...v.memberships.values()].some(leads) : leads(groupRole(v, s))),
    message: "Only an admin or the group's chair or coordinator may change its actions.",
  },
  'action.edit': {
    allow: (v, s) => isAdmin(v) || leads(groupRole(v, s)),
    message: "Only an admin or the group's chair or coordinator may change its actions.",
  },
  'action.postUpdate': {
    allow: (v, s) => isAdmin(v) || groupRole(v, s) !== undefined,
    message: "Only an admin or a member of the action's group may post updates on it.",
  },
  'review.readConfidential': { allow: (v) => hasRole(v, Role.ADMIN, Role.DHR_PANEL) },
  'review.edit': {
    allow: (v) => hasRole(v, Role.ADMIN, Role.DHR_PANEL),
    message: 'Only an admin or a DHR panel member may change reviews and recommendations.',
  },
  'feedback.record': {
    allow: (v) => hasRole(v, Role.ADMIN, Role.FACILITATOR),
    message: 'Only an admin or a survivor-forum facilitator may record feedback and responses.',
  },
  'round.open': { allow: isAdmin, message: 'Only an admin may open a reporting round.' },
  'round.close': {
    allow: isAdmin,
    message: 'Only an admin (the strategic lead) may close a reporting round.',
  },
  /** A dated write into a closed round's period, with a reason (rounds/closed-periods.service.ts). */
  'period.restate': {
    allow: isAdmin,
    message: 'Only an admin (the strategic lead) may restate a closed period.',
  },
  /** Taking identifying words out of feedback and responses (docs/security.md, "Redaction"). */
  'feedback.redact': {
    allow: (v) => hasRole(v, Role.ADMIN, Role.FACILITATOR),
    message: 'Only an admin or a survivor-forum facilitator may redact feedback and responses.',
  },
  /** Taking identifying words out of an action update: whoever may edit the action. */
  'actionUpdate.redact': {
    allow: (v, s) => isAdmin(v) || leads(groupRole(v, s)),
    message: "Only an admin or the action group's chair or coordinator may redact its updates.",
  },
  'return.submit': {
    allow: (v, s) => isAdmin(v) || leads(groupRole(v, s)),
    message: "Only the group's chair or coordinator, or an admin, may submit its return.",
  },
  'return.decide': {
    allow: (v, s) => {
      if (!isAdmin(v) && groupRole(v, s) !== MembershipRole.CHAIR) return false;
      return (
        s.submittedById !== v.id ||
        'Someone other than the person who submitted a return must approve or send it back.'
      );
    },
    message: "Only the group's chair or an admin may approve or send back its return.",
  },
} satisfies Record<string, Rule>;

/** What a viewer may be allowed to do (the keys of the rules above). */
export type AccessAction = keyof typeof RULES;

/** May the viewer do `action` (to `subject`)? */
export function can(
  viewer: Viewer | null | undefined,
  action: AccessAction,
  subject: AccessSubject = {},
): boolean {
  return !!viewer && (RULES[action] as Rule).allow(viewer, subject) === true;
}

/** The viewer, or UNAUTHENTICATED: services are called by the demo loader and tests as well as resolvers. */
export function requireViewer(viewer: Viewer | null | undefined): Viewer {
  if (!viewer) throw new UnauthenticatedError();
  return viewer;
}

/** requireViewer as an assertion, for services that go on using their `viewer` argument. */
export function assertViewer(viewer: Viewer | null | undefined): asserts viewer is Viewer {
  requireViewer(viewer);
}

/** The viewer when allowed to do `action` (to `subject`); otherwise UNAUTHENTICATED or FORBIDDEN. */
export function requireAccess(
  viewer: Viewer | null | undefined,
  action: AccessAction,
  subject: AccessSubject = {},
): Viewer {
  const v = requireViewer(viewer);
  const rule = RULES[action] as Rule;
  const verdict = rule.allow(v, subject);
  if (verdict === true) return v;
  throw new ForbiddenError(typeof verdict === 'string' ? verdict : rule.message);
}
