import { describe, expect, it } from 'vitest';
import { BadInputError } from './errors';

describe('messages name fields in words', () => {
  it('puts API field names into words, keeping the field in extensions and quoted text as typed', () => {
    const e = new BadInputError('dueOn', 'dueOn cannot be before startsOn.');
    expect(e.message).toBe('Due date cannot be before start date.');
    expect(e.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'dueOn' });
    expect(new BadInputError('reportedOn', 'reportedOn cannot be in the future.').message).toBe(
      'Reported on cannot be in the future.',
    );
    expect(new BadInputError('groupId', 'groupId is not a valid id.').message).toBe(
      'Group is not a valid id.',
    );
    expect(new BadInputError('ref', 'The reference "myRef" is taken.').message).toBe(
      'The reference "myRef" is taken.',
    );
  });
});
