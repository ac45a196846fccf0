import { describe, expect, it } from 'vitest';
import { todayIso } from './dates';

const UK = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/London',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

describe('todayIso', () => {
  it('gives the UK day across midnights and clock changes, whatever it answered before', () => {
    const instants = [
      '2026-03-28T23:59:59.999Z', // GMT: still the 28th
      '2026-03-29T00:00:00.000Z', // GMT midnight: the 29th
      '2026-03-29T00:59:59.999Z',
      '2026-03-29T01:00:00.000Z', // clocks go forward
      '2026-06-30T22:59:59.999Z', // BST: 23:59 on the 30th
      '2026-06-30T23:00:00.000Z', // BST midnight: 1 July
      '2026-06-30T22:30:00.000Z', // back to the hour before
      '2026-10-24T23:00:00.000Z', // BST midnight before the clocks go back: the 25th
      '2026-10-25T00:59:59.999Z',
      '2026-10-25T01:00:00.000Z', // clocks go back: 01:00 GMT on the 25th
      '2026-10-25T23:59:59.999Z',
      '1969-12-31T23:30:00.000Z', // before 1970: formatted each time (BST all year then: 1 January)
      '1941-06-01T22:30:00.000Z', // double summer time (+2): 2 June
    ];
    for (const iso of [...instants, ...instants.reverse()]) {
      const d = new Date(iso);
      expect(todayIso(d), iso).toBe(UK.format(d));
    }
    expect(todayIso(new Date('1941-06-01T22:30:00.000Z'))).toBe('1941-06-02');
    expect(todayIso(new Date('2026-06-30T23:00:00.000Z'))).toBe('2026-07-01');
  });
});
