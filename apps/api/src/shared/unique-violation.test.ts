import { describe, expect, it } from 'vitest';
import { isUniqueViolation } from './unique-violation';

describe('isUniqueViolation', () => {
  it('knows a duplicate from pg and from TypeORM, and checks the constraint when named', () => {
    expect(isUniqueViolation({ code: '23505', constraint: 'uq_a' })).toBe(true);
    expect(isUniqueViolation({ driverError: { code: '23505', constraint: 'uq_a' } }, 'uq_a')).toBe(true);
    expect(isUniqueViolation({ driverError: { code: '23505', constraint: 'uq_b' } }, 'uq_a')).toBe(false);
    expect(isUniqueViolation({ code: '23503' })).toBe(false);
    expect(isUniqueViolation(new Error('boom'))).toBe(false);
    expect(isUniqueViolation(null)).toBe(false);
  });
});
