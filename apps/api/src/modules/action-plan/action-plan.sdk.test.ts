import { ACTION_IMPORT_MAX_BYTES, ACTION_IMPORT_MAX_ROWS, type ActionPlanField } from '@throughline/sdk';
import { describe, expect, it } from 'vitest';
import { IMPORT_LIMITS } from './action-import.service';
import type { PlanField } from './action-plan.columns';

// packages/sdk/src/rest/action-plan.ts is hand-written (the routes are REST, not in schema.graphql):
// these checks keep its copy of the limits and the column fields in step with this module. The fields
// are compared by the type checker (`npm run typecheck`), both ways:
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const sameFields: Same<ActionPlanField, PlanField> = true;
void sameFields;

describe("the SDK's description of the action plan routes", () => {
  it('has the upload limits the service applies', () => {
    expect(ACTION_IMPORT_MAX_BYTES).toBe(IMPORT_LIMITS.maxFileBytes);
    expect(ACTION_IMPORT_MAX_ROWS).toBe(IMPORT_LIMITS.maxRows);
  });
});
