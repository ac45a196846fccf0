/**
 * Field names in words, for the messages people read. Services name fields by their GraphQL names
 * (extensions.field keeps that name for clients); the message itself says "Due date", not "dueOn".
 * Names not listed here are split at their capitals ("reportedOn" -> "reported on"); "...Id" and
 * "...Ids" name the record ("groupId" -> "group").
 */
const WORDS: Record<string, string> = {
  dueOn: 'due date',
  startsOn: 'start date',
  endsOn: 'end date',
  agreedOn: 'date agreed',
  reportedOn: 'reported on',
  receivedOn: 'date received',
  respondedOn: 'date of the response',
  commissionedOn: 'date commissioned',
  notifiedOn: 'date notified',
  effectiveOn: 'date it took effect',
  qaOn: 'quality assurance date',
  qaOutcome: 'quality assurance outcome',
  dueOnChangeReason: 'reason the due date changed',
  clientKey: 'client key',
  importId: 'import',
};

export function fieldInWords(name: string): string {
  const last = name.split('.').pop() ?? name;
  if (WORDS[last]) return WORDS[last];
  const base = last.replace(/Ids$/, 's').replace(/Id$/, '');
  return base.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
}

/** A camelCase name (at least one capital after a lower-case start), e.g. "reportedOn". */
const CAMEL = /\b[a-z]+(?:[A-Z][a-z0-9]*)+\b/g;

/**
 * The message with every camelCase field name put in words, and its first letter a capital.
 * Text in double quotes is what the person typed or the file said: it is left exactly as it was.
 */
export function messageInWords(message: string): string {
  const out = message
    .split(/("[^"]*")/)
    .map((part) => (part.startsWith('"') ? part : part.replace(CAMEL, (m) => fieldInWords(m))))
    .join('');
  return out.charAt(0).toUpperCase() + out.slice(1);
}
