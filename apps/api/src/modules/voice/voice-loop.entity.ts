import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { CreatedRecord, VersionedRecord } from '../../shared/entity-columns';
import { PartnershipEntity } from '../identity/partnership.entity';
import { ObjectiveEntity } from '../strategy/objective.entity';
import { FeedbackEntity, FeedbackResponseEntity } from './feedback.entity';
import { DigestStatus, FeedbackDecision } from './voice-loop.enums';

/** A forum's session, recorded as a meeting with its date; feedback may belong to one. */
@Entity('forum_meeting')
@Index(['partnershipId', 'heldOn'])
export class ForumMeetingEntity extends CreatedRecord {
  @Column({ name: 'partnership_id', type: 'uuid' })
  partnershipId: string;

  @ManyToOne(() => PartnershipEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'partnership_id' })
  partnership?: PartnershipEntity;

  @Column({ type: 'text' })
  forum: string;

  @Column({ name: 'held_on', type: 'date' })
  heldOn: string;

  @Column({ name: 'recorded_by', type: 'uuid', nullable: true })
  recordedBy: string | null;
}

/**
 * One decision on a piece of feedback. Append-only: a new decision supersedes the earlier ones from its
 * decidedOn, so the board's tally as of any date reads the decision in force then.
 */
@Entity('feedback_decision')
@Index(['feedbackId', 'decidedOn'])
export class FeedbackDecisionEntity extends CreatedRecord {
  @Column({ name: 'feedback_id', type: 'uuid' })
  feedbackId: string;

  @ManyToOne(() => FeedbackEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'feedback_id' })
  feedback?: FeedbackEntity;

  @Column({ type: 'text' })
  decision: FeedbackDecision;

  /** Required for NOT_TAKEN_UP: the reason, in words a forum can hear. */
  @Column({ type: 'text', nullable: true })
  reason: string | null;

  @Column({ name: 'decided_on', type: 'date' })
  decidedOn: string;

  @Column({ name: 'decided_by', type: 'uuid', nullable: true })
  decidedBy: string | null;

  /** The feedback's version this decision made. */
  @Column({ name: 'feedback_version', type: 'int' })
  feedbackVersion: number;
}

@Entity('feedback_response_objective')
export class FeedbackResponseObjectiveEntity {
  @Column({ name: 'response_id', type: 'uuid', primary: true })
  responseId: string;

  @ManyToOne(() => FeedbackResponseEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'response_id' })
  response?: FeedbackResponseEntity;

  @Index()
  @Column({ name: 'objective_id', type: 'uuid', primary: true })
  objectiveId: string;

  @ManyToOne(() => ObjectiveEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'objective_id' })
  objective?: ObjectiveEntity;
}

/**
 * A "you said, we did" digest of one forum over a period. Its content is read from the feedback when
 * shown; only a RELEASED digest is listed, shown or downloaded (the facilitator previews a DRAFT).
 */
@Entity('feedback_digest')
@Index(['partnershipId', 'forum', 'periodFrom', 'periodTo'], { unique: true })
export class FeedbackDigestEntity extends VersionedRecord {
  @Column({ name: 'partnership_id', type: 'uuid' })
  partnershipId: string;

  @ManyToOne(() => PartnershipEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'partnership_id' })
  partnership?: PartnershipEntity;

  @Column({ type: 'text' })
  forum: string;

  @Column({ name: 'period_from', type: 'date' })
  periodFrom: string;

  @Column({ name: 'period_to', type: 'date' })
  periodTo: string;

  @Column({ type: 'text', default: DigestStatus.DRAFT })
  status: DigestStatus;

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy: string | null;

  @Column({ name: 'released_by', type: 'uuid', nullable: true })
  releasedBy: string | null;

  @Column({ name: 'released_at', type: 'timestamptz', nullable: true })
  releasedAt: Date | null;
}
