import { registerEnumType } from 'type-graphql';

/** What the partnership decided about a piece of feedback (docs/decisions/0019-survivor-voice-loop.md). */
export enum FeedbackDecision {
  TAKEN_UP = 'TAKEN_UP',
  PARTLY_TAKEN_UP = 'PARTLY_TAKEN_UP',
  NOT_TAKEN_UP = 'NOT_TAKEN_UP',
  NOTED = 'NOTED',
}
registerEnumType(FeedbackDecision, {
  name: 'FeedbackDecision',
  description: 'NOT_TAKEN_UP always carries its reason, in words a forum can hear.',
});

/** The feedback list's decision filter: a decision, or none yet. */
export enum FeedbackDecisionFilter {
  TAKEN_UP = 'TAKEN_UP',
  PARTLY_TAKEN_UP = 'PARTLY_TAKEN_UP',
  NOT_TAKEN_UP = 'NOT_TAKEN_UP',
  NOTED = 'NOTED',
  UNDECIDED = 'UNDECIDED',
}
registerEnumType(FeedbackDecisionFilter, { name: 'FeedbackDecisionFilter' });

export enum DigestStatus {
  DRAFT = 'DRAFT',
  RELEASED = 'RELEASED',
}
registerEnumType(DigestStatus, {
  name: 'DigestStatus',
  description: 'DRAFT: seen only by its facilitators, in preview. RELEASED: listed and downloadable.',
});

/** Words for the documents and messages. */
export const DECISION_WORDS: Record<FeedbackDecision, string> = {
  [FeedbackDecision.TAKEN_UP]: 'Taken up',
  [FeedbackDecision.PARTLY_TAKEN_UP]: 'Partly taken up',
  [FeedbackDecision.NOT_TAKEN_UP]: 'Not taken up',
  [FeedbackDecision.NOTED]: 'Noted',
};
