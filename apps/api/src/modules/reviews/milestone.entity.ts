import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { RecommendationEntity } from './recommendation.entity';

/**
 * A key milestone of a recommendation's action plan: what must happen by when, and when it did.
 * Overdue while not completed and past its target date (review-plan.rules.ts).
 */
@Entity('recommendation_milestone')
export class MilestoneEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_recommendation_milestone' })
  id: string;

  @Index('IDX_recommendation_milestone_recommendation')
  @Column({ name: 'recommendation_id', type: 'uuid' })
  recommendationId: string;

  @ManyToOne(() => RecommendationEntity, { onDelete: 'CASCADE' })
  @JoinColumn({
    name: 'recommendation_id',
    foreignKeyConstraintName: 'FK_recommendation_milestone_recommendation',
  })
  recommendation?: RecommendationEntity;

  @Column({ type: 'text' })
  title: string;

  @Column({ name: 'target_on', type: 'date' })
  targetOn: string;

  @Column({ name: 'completed_on', type: 'date', nullable: true })
  completedOn: string | null;

  @Column({ type: 'int', default: 1 })
  version: number;

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
