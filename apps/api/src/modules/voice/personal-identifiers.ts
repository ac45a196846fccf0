import { BadInputError } from '../../errors/errors';

/**
 * The personal-identifier screen for survivor feedback. Feedback is anonymous by promise to the
 * people who gave it, so text that carries an email address, a UK phone number, a UK postcode or a
 * National Insurance number is refused outright rather than stored and cleaned later.
 *
 * Deliberate choices (tested in personal-identifiers.test.ts):
 * - Phone numbers are personal only when they are geographic or mobile (01, 02, 03, 07, +44 ...).
 *   Freephone and service numbers (0800, 0808 ...) are left alone: survivors and facilitators quote
 *   helplines such as the National Domestic Abuse Helpline, and those identify no one.
 * - A run of digits longer than a phone number (a case or file reference) is not a phone number.
 * - Postcodes are matched against the real postcode areas (SW, W, M, ...), in any case, with or
 *   without the space, so "Q1 2nd" or "DHR-2019-03" do not trip the screen. An inward code that reads
 *   as an ordinal ("M1 2nd") counts only when written in capitals, as postcodes usually are.
 * - National Insurance numbers are two letters, six digits (optionally in pairs) and usually a final
 *   A-D; HMRC's specimen prefix QQ is refused too.
 * The matched text never leaves this module: callers get the kind only.
 */
export type PersonalIdentifierKind = 'EMAIL' | 'PHONE' | 'POSTCODE' | 'NI_NUMBER';

const DESCRIPTIONS: Record<PersonalIdentifierKind, string> = {
  EMAIL: 'an email address',
  PHONE: 'a phone number',
  POSTCODE: 'a postcode',
  NI_NUMBER: 'a National Insurance number',
};

const EMAIL = /[a-z0-9._%+-]+@[a-z0-9-]+(?:\.[a-z0-9-]+)+/i;

// Digits may be separated by spaces, dashes, dots or brackets: "07700 900 123", "(020) 7946-0000".
const SEP = String.raw`[\s.\-()]{0,3}`;
const NATIONAL = String.raw`(?<![\w+])\(?0[1237](?:${SEP}\d){8,9}(?!\d)`;
const INTERNATIONAL = String.raw`(?:\+|(?<![\w])00)${SEP}44${SEP}(?:\(0\)${SEP})?[1237](?:${SEP}\d){8,9}(?!\d)`;
const PHONE = new RegExp(`${NATIONAL}|${INTERNATIONAL}`);

// The UK's postcode areas (Royal Mail), so that arbitrary letter-digit pairs are not taken for postcodes.
const POSTCODE_AREAS =
  'AB AL B BA BB BD BH BL BN BR BS BT CA CB CF CH CM CO CR CT CV CW DA DD DE DG DH DL DN DT DY E EC EH ' +
  'EN EX FK FY G GL GU GY HA HD HG HP HR HS HU HX IG IM IP IV JE KA KT KW KY L LA LD LE LL LN LS LU M ME ' +
  'MK ML N NE NG NN NP NR NW OL OX PA PE PH PL PO PR RG RH RM S SA SE SG SK SL SM SN SO SP SR SS ST SW SY ' +
  'TA TD TF TN TQ TR TS TW UB W WA WC WD WF WN WR WS WV YO ZE';
const AREA_ALTERNATION = POSTCODE_AREAS.split(' ')
  .sort((a, b) => b.length - a.length)
  .join('|');
const POSTCODE = new RegExp(
  String.raw`(?<![a-z0-9])(?:${AREA_ALTERNATION})\d[a-z\d]?[\s-]?(\d[abd-hjlnp-uw-z]{2})(?![a-z0-9])`,
  'gi',
);

const NI_NUMBER = /(?<![a-z0-9])[a-z]{2}[\s-]?\d{2}[\s-]?\d{2}[\s-]?\d{2}(?:[\s-]?[a-d])?(?![a-z0-9])/i;

function hasPostcode(text: string): boolean {
  for (const m of text.matchAll(POSTCODE)) {
    const inward = m[1];
    const ordinal = /^\d(st|nd|rd|th)$/i.test(inward);
    if (!ordinal || m[0] === m[0].toUpperCase()) return true;
  }
  return false;
}

/** The first kind of personal identifier found in the text, or null when there is none. */
export function findPersonalIdentifier(text: string | null | undefined): PersonalIdentifierKind | null {
  if (!text) return null;
  if (EMAIL.test(text)) return 'EMAIL';
  if (NI_NUMBER.test(text)) return 'NI_NUMBER';
  if (hasPostcode(text)) return 'POSTCODE';
  if (PHONE.test(text)) return 'PHONE';
  return null;
}

/**
 * Refuses text holding a personal identifier with BAD_USER_INPUT naming the field and the kind
 * (extensions.identifier), never the matched text itself.
 */
export function assertNoPersonalIdentifiers(field: string, text: string | null | undefined): void {
  const kind = findPersonalIdentifier(text);
  if (kind) {
    throw new BadInputError(
      field,
      `This looks like it contains ${DESCRIPTIONS[kind]}. Feedback must be anonymous: remove it and try again.`,
      { identifier: kind },
    );
  }
}
