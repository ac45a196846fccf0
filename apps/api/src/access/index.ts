// Where every permission is decided: the policy vocabulary (policy.ts) and the review visibility it
// implies for SQL (review-visibility.ts). Modules import from here.
export {
  can,
  requireAccess,
  requireViewer,
  assertViewer,
  type AccessAction,
  type AccessSubject,
} from './policy';
export { visibleReviewSql } from './review-visibility';
