import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { CreatedRecord, VersionedRecord } from '../../shared/entity-columns';
import { ActionEntity } from '../actions/action.entity';
import { TagEntity } from '../tags/tag.entity';
import { ObjectiveEntity } from '../strategy/objective.entity';
import { PartnershipEntity } from '../identity/partnership.entity';
import { ForumMeetingEntity } from './voice-loop.entity';

/** Anonymous survivor-forum feedback: no names, emails, phone numbers, postcodes or NI numbers. */
@Entity('feedback')
@Index(['partnershipId', 'receivedOn'])
export class FeedbackEntity extends VersionedRecord {
  @Column({ name: 'partnership_id', type: 'uuid' })
  partnershipId: string;

  @ManyToOne(() => PartnershipEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'partnership_id' })
  partnership?: PartnershipEntity;

  @Column({ type: 'text' })
  forum: string;

  @Column({ name: 'received_on', type: 'date' })
  receivedOn: string;

  @Column({ type: 'text' })
  summary: string;

  @Column({ name: 'recorded_by', type: 'uuid', nullable: true })
  recordedBy: string | null;

  /** The forum's session (forum_meeting) it was said at, when recorded as one. */
  @Index()
  @Column({ name: 'meeting_id', type: 'uuid', nullable: true })
  meetingId: string | null;

  @ManyToOne(() => ForumMeetingEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'meeting_id' })
  meeting?: ForumMeetingEntity;
}

@Entity('feedback_objective')
export class FeedbackObjectiveEntity {
  @Column({ name: 'feedback_id', type: 'uuid', primary: true })
  feedbackId: string;

  @ManyToOne(() => FeedbackEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'feedback_id' })
  feedback?: FeedbackEntity;

  @Index()
  @Column({ name: 'objective_id', type: 'uuid', primary: true })
  objectiveId: string;

  @ManyToOne(() => ObjectiveEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'objective_id' })
  objective?: ObjectiveEntity;
}

@Entity('feedback_tag')
export class FeedbackTagEntity {
  @Column({ name: 'feedback_id', type: 'uuid', primary: true })
  feedbackId: string;

  @ManyToOne(() => FeedbackEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'feedback_id' })
  feedback?: FeedbackEntity;

  @Index()
  @Column({ name: 'tag_id', type: 'uuid', primary: true })
  tagId: string;

  @ManyToOne(() => TagEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'tag_id' })
  tag?: TagEntity;
}

/** "You said, we did". */
@Entity('feedback_response')
export class FeedbackResponseEntity extends CreatedRecord {
  @Index()
  @Column({ name: 'feedback_id', type: 'uuid' })
  feedbackId: string;

  @ManyToOne(() => FeedbackEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'feedback_id' })
  feedback?: FeedbackEntity;

  @Column({ type: 'text' })
  text: string;

  @Column({ name: 'responded_on', type: 'date' })
  respondedOn: string;

  @Column({ name: 'recorded_by', type: 'uuid', nullable: true })
  recordedBy: string | null;

  /** Raised by a redaction (redaction.service.ts), which names the version it read. */
  @Column({ name: 'text_version', type: 'int', default: 1 })
  version: number;
}

@Entity('feedback_response_action')
export class FeedbackResponseActionEntity {
  @Column({ name: 'response_id', type: 'uuid', primary: true })
  responseId: string;

  @ManyToOne(() => FeedbackResponseEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'response_id' })
  response?: FeedbackResponseEntity;

  @Index()
  @Column({ name: 'action_id', type: 'uuid', primary: true })
  actionId: string;

  @ManyToOne(() => ActionEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'action_id' })
  action?: ActionEntity;
}
