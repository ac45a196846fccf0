import { InitialSchema1795509380544 } from './1795509380544-initial-schema';
import { EmailIndexAndAppendOnlyAudit1795509381544 } from './1795509381544-email-index-and-append-only-audit';
import { LoginThrottle1795509830736 } from './1795509830736-login-throttle';
import { ViewerChangeNotifications1795600000000 } from './1795600000000-viewer-change-notifications';
import { ActionImport1795610000000 } from './1795610000000-action-import';
import { ActionUpdateClientKey1795620000000 } from './1795620000000-action-update-client-key';
import { AuditEntryRevokeFromPublic1795700000000 } from './1795700000000-audit-entry-revoke-public';
import { SignInAlerts1795800000000 } from './1795800000000-sign-in-alerts';
import { ActionDueDateHistory1795800000000 } from './1795800000000-action-due-date-history';
import { IndicatorAreasTrajectoriesRates1796513249229 } from './1796513249229-indicator-areas-trajectories-rates';
import { SurvivorVoiceLoop1796524527743 } from './1796524527743-survivor-voice-loop';
import { ReportingRounds1795800000000 } from './1795800000000-reporting-rounds';
import { Messages1795813000000 } from './1795813000000-messages';
import { ReviewActionPlans1795820000000 } from './1795820000000-review-action-plans';
import { RoundRecordsRestatements1796524482593 } from './1796524482593-round-records-restatements';
import { Redaction1796524508669 } from './1796524508669-redaction';
import { ActionUpdateAsofCovering1796549202859 } from './1796549202859-action-update-asof-covering';
import { StatusChecks1796560000000 } from './1796560000000-status-checks';

// Every migration, in order. Listed explicitly (not globbed) so the same list works from
// TypeScript sources in tests and from compiled JavaScript in production.
export const migrations = [
  InitialSchema1795509380544,
  EmailIndexAndAppendOnlyAudit1795509381544,
  LoginThrottle1795509830736,
  ViewerChangeNotifications1795600000000,
  ActionImport1795610000000,
  ActionUpdateClientKey1795620000000,
  AuditEntryRevokeFromPublic1795700000000,
  SignInAlerts1795800000000,
  ActionDueDateHistory1795800000000,
  ReportingRounds1795800000000,
  Messages1795813000000,
  ReviewActionPlans1795820000000,
  IndicatorAreasTrajectoriesRates1796513249229,
  RoundRecordsRestatements1796524482593,
  Redaction1796524508669,
  SurvivorVoiceLoop1796524527743,
  ActionUpdateAsofCovering1796549202859,
  StatusChecks1796560000000,
];
