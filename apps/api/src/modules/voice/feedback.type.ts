import { Field, ID, Int, ObjectType } from 'type-graphql';
import { PageInfo } from '../../shared/paging';
import { DateScalar } from '../../graphql/scalars';

/**
 * Anonymous survivor-forum feedback. Plain columns here; objectives, tags, responses and responded
 * are field resolvers (feedback.resolver.ts), batched per request.
 */
@ObjectType('Feedback')
export class FeedbackType {
  @Field(() => ID)
  id: string;

  @Field(() => String, { description: 'The forum or group the feedback came from.' })
  forum: string;

  @Field(() => DateScalar)
  receivedOn: string;

  @Field(() => String, {
    description: 'What was said; never names, contact details, postcodes or NI numbers.',
  })
  summary: string;

  @Field(() => Int)
  version: number;

  @Field(() => Date)
  createdAt: Date;
}

/** "You said, we did": what the partnership did about a piece of feedback. */
@ObjectType('FeedbackResponse')
export class FeedbackResponseType {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  feedbackId: string;

  @Field(() => String)
  text: string;

  @Field(() => DateScalar)
  respondedOn: string;

  @Field(() => Int, { description: '1 when recorded; raised by each redaction (redactFeedbackResponse).' })
  version: number;

  @Field(() => Date)
  createdAt: Date;
}

@ObjectType('FeedbackEdge')
export class FeedbackEdge {
  @Field(() => String)
  cursor: string;

  @Field(() => FeedbackType)
  node: FeedbackType;
}

@ObjectType('FeedbackConnection')
export class FeedbackConnection {
  @Field(() => [FeedbackEdge])
  edges: FeedbackEdge[];

  @Field(() => PageInfo)
  pageInfo: PageInfo;

  @Field(() => Int, { description: 'All feedback matching the filter, across pages.' })
  totalCount: number;
}
