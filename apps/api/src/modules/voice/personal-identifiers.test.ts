import { describe, expect, it } from 'vitest';
import { assertNoPersonalIdentifiers, findPersonalIdentifier } from './personal-identifiers';

describe('personal-identifier screen', () => {
  it.each(['write to jane.doe@example.org if you want', 'Email: J_Smith+forum@mail.co.uk', 'contact a@b.io'])(
    'finds an email address: %s',
    (text) => {
      expect(findPersonalIdentifier(text)).toBe('EMAIL');
    },
  );

  it.each([
    '07700 900123',
    'call 07700900123 after six',
    '07700-900-123',
    '077 0090 0123',
    '+44 7700 900123',
    '+447700900123',
    '+44 (0)7700 900 123',
    '0044 7700 900123',
    '020 7946 0000',
    '(020) 7946 0000',
    '(01632) 960 001',
    '01632 960001',
    '0161-496-0000',
    '0300 123 4567',
    'ring 0117 496 0123.',
    '07700 900123 2 times a week',
  ])('finds a UK phone number: %s', (text) => {
    expect(findPersonalIdentifier(text)).toBe('PHONE');
  });

  it.each([
    'SW1A 1AA',
    'she lives near W2 5EH now',
    'sw1a1aa',
    'Postcode m1 1ae',
    'EC1A 1BB',
    'B33 8TH',
    'CR2 6XH',
    'DN55 1PT',
    'M1 2ND',
  ])('finds a UK postcode: %s', (text) => {
    expect(findPersonalIdentifier(text)).toBe('POSTCODE');
  });

  it.each(['QQ 12 34 56 C', 'qq123456c', 'AB-12-34-56-D', 'NI number JT 48 92 17 A given', 'QQ 123456'])(
    'finds a National Insurance number: %s',
    (text) => {
      expect(findPersonalIdentifier(text)).toBe('NI_NUMBER');
    },
  );

  it.each([
    'In 2019 the forum met four times.',
    'It cost £1,200.50 to run the refuge for a week.',
    'See DHR-2019-03 and SAR-2021-1 for the learning.',
    'Referrals rose by 12.5% (from 40%).',
    'We met on 12/03/2024 and again on 01/04/2024.',
    'Call 0800 if you need a free line',
    'The National Domestic Abuse Helpline is 0808 2000 247.',
    'Objective O1 2nd quarter',
    'On the M1 2nd junction',
    'Case reference 0123456789012 was closed',
    'Q1 2024 and Q3 2025 reports',
    'Ref: 2024/03/0012',
    'about 10am at the hub, 3pm on Fridays',
    'We need 20 more IDVAs and 3 ISVAs',
    'The group Women@Work helped',
    '',
  ])('lets through text that only looks close: %s', (text) => {
    expect(findPersonalIdentifier(text)).toBeNull();
  });

  it('refuses with the field and the kind, never echoing the matched text', () => {
    let caught: unknown;
    try {
      assertNoPersonalIdentifiers('summary', 'my number is 07700 900123');
    } catch (e) {
      caught = e;
    }
    const err = caught as { message: string; extensions: Record<string, unknown> };
    expect(err.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'summary', identifier: 'PHONE' });
    expect(JSON.stringify({ m: err.message, e: err.extensions })).not.toMatch(/07700|900123/);
  });
});
