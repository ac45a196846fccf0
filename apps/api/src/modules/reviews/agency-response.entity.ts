import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { RecommendationEntity } from './recommendation.entity';

/**
 * An agency's response to a recommendation, as the panel received it: which agency, on what date,
 * what it said, and who recorded it. Kept as a dated record: never edited, so never rewritten.
 */
@Entity('agency_response')
export class AgencyResponseEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_agency_response' })
  id: string;

  @Index('IDX_agency_response_recommendation')
  @Column({ name: 'recommendation_id', type: 'uuid' })
  recommendationId: string;

  @ManyToOne(() => RecommendationEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'recommendation_id', foreignKeyConstraintName: 'FK_agency_response_recommendation' })
  recommendation?: RecommendationEntity;

  @Column({ type: 'text' })
  agency: string;

  @Column({ name: 'responded_on', type: 'date' })
  respondedOn: string;

  @Column({ type: 'text' })
  text: string;

  @Column({ name: 'recorded_by', type: 'uuid', nullable: true })
  recordedBy: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
