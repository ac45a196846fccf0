import { Field, ID, ObjectType } from 'type-graphql';

/** A message to the viewer: a reminder, an escalation or a decision on their return. */
@ObjectType('Message', { simpleResolvers: true })
export class MessageType {
  @Field(() => ID)
  id: string;

  @Field(() => String, {
    description: 'ROUND_REMINDER, ROUND_OVERDUE, ROUND_ESCALATION, RETURN_SENT_BACK, RETURN_APPROVED, ...',
  })
  kind: string;

  @Field(() => String)
  subject: string;

  @Field(() => String, { description: 'Plain text; never survivor or review content.' })
  body: string;

  @Field(() => String, { description: 'Path of the record within the web app, e.g. /rounds/<id>.' })
  link: string;

  @Field(() => Date)
  createdAt: Date;

  @Field(() => Date, {
    nullable: true,
    description: 'When the mail server accepted it; null if not emailed.',
  })
  sentAt: Date | null;

  @Field(() => Date, { nullable: true })
  readAt: Date | null;
}

/** How messages leave Throughline (ADMIN only). */
@ObjectType('EmailSettings')
export class EmailSettingsType {
  @Field(() => Boolean, {
    description: 'SMTP_URL is set. When false, messages are only shown in the web app.',
  })
  configured: boolean;

  @Field(() => String, { nullable: true, description: 'The sender address (MAIL_FROM).' })
  from: string | null;
}
