import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';

/** What can be redacted (docs/security.md, "Redaction"). */
export enum RedactableKind {
  FEEDBACK = 'FEEDBACK',
  FEEDBACK_RESPONSE = 'FEEDBACK_RESPONSE',
  ACTION_UPDATE = 'ACTION_UPDATE',
}
registerEnumType(RedactableKind, {
  name: 'RedactableKind',
  description: 'A kind of text that can be redacted.',
});

@ObjectType('RedactableField')
export class RedactableField {
  @Field(() => String, { description: 'The field, e.g. "summary" or "progress".' })
  name: string;

  @Field(() => String, { description: 'How a person would name it, e.g. "What was said".' })
  label: string;

  @Field(() => String)
  text: string;
}

/** One record's text as the person redacting it reads it, with the version to send back. */
@ObjectType('RedactableText')
export class RedactableText {
  @Field(() => RedactableKind)
  kind: RedactableKind;

  @Field(() => ID)
  id: string;

  @Field(() => Int, { description: 'Send it with the redaction: a stale version is CONFLICT.' })
  version: number;

  @Field(() => String, {
    description: 'What the record is, e.g. "Feedback from Survivors’ forum, 2024-06-15".',
  })
  title: string;

  @Field(() => [RedactableField])
  fields: RedactableField[];

  @Field(() => ID, { nullable: true, description: 'The feedback it is or answers.' })
  feedbackId: string | null;

  @Field(() => ID, { nullable: true, description: 'The action it updates.' })
  actionId: string | null;
}
