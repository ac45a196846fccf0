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

// Digits may be separated by spaces, dashes, dots, slashes, underscores or brackets: "07700 900 123",
// "(020) 7946-0000", "07700/900/123".
const SEP = String.raw`[\s.\-()/_]{0,3}`;
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
  String.raw`(?<![a-z0-9])(?:${AREA_ALTERNATION})\d[a-z\d]?[\s\-./_]{0,3}(\d[abd-hjlnp-uw-z]{2})(?![a-z0-9])`,
  'gi',
);

// HMRC never issues prefixes starting D, F, I, Q, U or V, nor with O, D, F, I, Q, U or V second; QQ
// (the specimen) is refused anyway. The three pairs of digits are written together or each separated
// the same way ("12 34 56", "12.34.56"): "In 2019-20 we met" or "by 2019-20 we" are years, not NI numbers.
const NI_PREFIX = String.raw`(?:qq|[abceghj-prstw-z][abceghj-npr-tw-z])`;
const NI_NUMBER = new RegExp(
  String.raw`(?<![a-z0-9])${NI_PREFIX}[\s\-./_]{0,2}\d{2}(?:(\d{2})\d{2}|([\s\-./_]{1,2})\d{2}\2\d{2})(?:[\s\-./_]{0,2}[a-d])?(?![a-z0-9])`,
  'i',
);

function hasPostcode(text: string): boolean {
  for (const m of text.matchAll(POSTCODE)) {
    const inward = m[1];
    const ordinal = /^\d(st|nd|rd|th)$/i.test(inward);
    if (!ordinal || m[0] === m[0].toUpperCase()) return true;
  }
  return false;
}

const DIGIT_WORDS: Record<string, string> = {
  zero: '0',
  oh: '0',
  nought: '0',
  one: '1',
  two: '2',
  three: '3',
  four: '4',
  five: '5',
  six: '6',
  seven: '7',
  eight: '8',
  nine: '9',
};
const DIGIT_WORD = String.raw`(?:${Object.keys(DIGIT_WORDS).join('|')}|double|triple)`;
// Six or more number words in a row ("oh seven seven double oh nine ..."): a number read out.
const SPELLED_RUN = new RegExp(String.raw`\b${DIGIT_WORD}(?:[\s,\-]+${DIGIT_WORD}){5,}\b`, 'gi');

function spellOut(run: string): string {
  const words = run.toLowerCase().split(/[\s,-]+/);
  let out = '';
  for (let i = 0; i < words.length; i++) {
    const times = words[i] === 'double' ? 2 : words[i] === 'triple' ? 3 : 1;
    const word = times > 1 ? words[++i] : words[i];
    out += (DIGIT_WORDS[word] ?? '').repeat(times);
  }
  return out;
}

/**
 * The text as the screen reads it, with the usual disguises undone: NFKC (full-width digits and `＠`
 * become plain), format characters (zero-width spaces and joiners, soft hyphens) removed, `(at)` and
 * `(dot)` read as `@` and `.`, the letter O read as zero inside a run of digits, and numbers spelled
 * out in words turned into digits.
 */
export function normaliseForScreen(text: string): string {
  return (
    text
      .normalize('NFKC')
      .replace(/\p{Cf}/gu, '')
      .replace(/\s*[([{<]\s*at\s*[)\]}>]\s*/gi, '@')
      .replace(/\s*[([{<]\s*dot\s*[)\]}>]\s*/gi, '.')
      .replace(/(?<=[a-z0-9])\s+at\s+(?=[a-z0-9-]+\s+dot\s+[a-z])/gi, '@')
      .replace(/(?<=@[a-z0-9.-]*[a-z0-9])\s+dot\s+(?=[a-z])/gi, '.')
      // A run of digits and O's holding a digit: "O77OO 9OO123".
      .replace(/(?<![a-z])[0-9o]*[0-9][0-9o]*(?![a-z])/gi, (run) => run.replace(/o/gi, '0'))
      .replace(SPELLED_RUN, spellOut)
  );
}

/** The first kind of personal identifier found in the text, or null when there is none. */
export function findPersonalIdentifier(raw: string | null | undefined): PersonalIdentifierKind | null {
  if (!raw) return null;
  const text = normaliseForScreen(raw);
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
export function assertNoPersonalIdentifiers(
  field: string,
  text: string | null | undefined,
  why = 'Feedback must be anonymous',
): void {
  const kind = findPersonalIdentifier(text);
  if (kind) {
    throw new BadInputError(
      field,
      `This looks like it contains ${DESCRIPTIONS[kind]}. ${why}: remove it and try again.`,
      { identifier: kind },
    );
  }
}

/** The same screen over tags ("kind:slug"), whose hyphens stand for spaces. */
export function assertNoPersonalIdentifiersInTags(
  field: string,
  tags: readonly string[] | null | undefined,
  why?: string,
): void {
  for (const tag of tags ?? []) {
    if (typeof tag !== 'string') continue;
    assertNoPersonalIdentifiers(field, tag, why);
    assertNoPersonalIdentifiers(field, tag.replace(/[-:]/g, ' '), why);
  }
}
