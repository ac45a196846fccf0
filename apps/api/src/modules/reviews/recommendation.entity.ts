import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, Unique } from 'typeorm';
import { IdEntity, VersionedEntity } from '../../shared/entity-columns';
import { ActionEntity, Rag } from '../actions/action.entity';
import { TagEntity } from '../tags/tag.entity';
import { ReviewEntity } from './review.entity';

export enum RecommendationScope {
  LOCAL = 'LOCAL',
  REGIONAL = 'REGIONAL',
  NATIONAL = 'NATIONAL',
}

export enum RecommendationStatus {
  OPEN = 'OPEN',
  IN_PROGRESS = 'IN_PROGRESS',
  IMPLEMENTED = 'IMPLEMENTED',
  ASSURED = 'ASSURED',
}

@Entity('recommendation')
@Unique('uq_recommendation_ref', ['reviewId', 'ref'])
export class RecommendationEntity extends VersionedEntity {
  @Column({ name: 'review_id', type: 'uuid' })
  reviewId: string;

  @ManyToOne(() => ReviewEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'review_id' })
  review?: ReviewEntity;

  @Column({ type: 'text' })
  ref: string;

  @Column({ type: 'text' })
  text: string;

  @Index()
  @Column({ type: 'text', default: '' })
  agency: string;

  @Column({ type: 'text', default: RecommendationScope.LOCAL })
  scope: RecommendationScope;

  @Column({ name: 'due_on', type: 'date', nullable: true })
  dueOn: string | null;

  @Column({ type: 'text', default: RecommendationStatus.OPEN })
  status: RecommendationStatus;

  /** When the review made the recommendation (null: the day it was recorded). */
  @Column({ name: 'made_on', type: 'date', nullable: true })
  madeOn: string | null;

  /** The action plan's "Action" for this recommendation, beside any linked partnership actions. */
  @Column({ name: 'plan_action', type: 'text', nullable: true })
  planAction: string | null;

  @Column({ name: 'progress_rating', type: 'text', nullable: true })
  progressRating: Rag | null;

  @Column({ name: 'completed_on', type: 'date', nullable: true })
  completedOn: string | null;

  /** "What changed": the outcome recorded on completion. */
  @Column({ type: 'text', nullable: true })
  outcome: string | null;

  /** National and regional routing: the body the recommendation is addressed to, and its replies. */
  @Column({ name: 'addressed_to', type: 'text', nullable: true })
  addressedTo: string | null;

  @Column({ name: 'sent_on', type: 'date', nullable: true })
  sentOn: string | null;

  @Column({ name: 'acknowledged_on', type: 'date', nullable: true })
  acknowledgedOn: string | null;

  @Column({ name: 'answered_on', type: 'date', nullable: true })
  answeredOn: string | null;

  @Column({ type: 'text', nullable: true })
  answer: string | null;

  /** Evidence given with the latest status change; ASSURED requires it. */
  @Column({ type: 'text', nullable: true })
  evidence: string | null;
}

@Entity('recommendation_tag')
export class RecommendationTagEntity {
  @Column({ name: 'recommendation_id', type: 'uuid', primary: true })
  recommendationId: string;

  @ManyToOne(() => RecommendationEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'recommendation_id' })
  recommendation?: RecommendationEntity;

  @Index()
  @Column({ name: 'tag_id', type: 'uuid', primary: true })
  tagId: string;

  @ManyToOne(() => TagEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'tag_id' })
  tag?: TagEntity;
}

/** Which actions deliver a recommendation. */
@Entity('recommendation_action')
export class RecommendationActionEntity {
  @Column({ name: 'recommendation_id', type: 'uuid', primary: true })
  recommendationId: string;

  @ManyToOne(() => RecommendationEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'recommendation_id' })
  recommendation?: RecommendationEntity;

  @Index()
  @Column({ name: 'action_id', type: 'uuid', primary: true })
  actionId: string;

  @ManyToOne(() => ActionEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'action_id' })
  action?: ActionEntity;
}

/** The history of a recommendation's status: who moved it, when, and on what evidence. */
@Entity('recommendation_status_change')
@Index(['recommendationId', 'changedAt'])
export class RecommendationStatusChangeEntity extends IdEntity {
  @Column({ name: 'recommendation_id', type: 'uuid' })
  recommendationId: string;

  @ManyToOne(() => RecommendationEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'recommendation_id' })
  recommendation?: RecommendationEntity;

  @Column({ name: 'from_status', type: 'text', nullable: true })
  fromStatus: RecommendationStatus | null;

  @Column({ name: 'to_status', type: 'text' })
  toStatus: RecommendationStatus;

  @Column({ type: 'text', nullable: true })
  evidence: string | null;

  /** The day the change took effect (may be earlier than changedAt); null: the UK day of changedAt. */
  @Column({ name: 'effective_on', type: 'date', nullable: true })
  effectiveOn: string | null;

  @Column({ name: 'changed_by', type: 'uuid', nullable: true })
  changedBy: string | null;

  @CreateDateColumn({ name: 'changed_at', type: 'timestamptz' })
  changedAt: Date;
}
