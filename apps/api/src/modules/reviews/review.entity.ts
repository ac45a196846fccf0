import { Column, Entity, JoinColumn, ManyToOne, Unique } from 'typeorm';
import { VersionedEntity } from '../../shared/entity-columns';
import { PartnershipEntity } from '../identity/partnership.entity';

export enum ReviewKind {
  DHR = 'DHR',
  SAR = 'SAR',
  CSPR = 'CSPR',
  OTHER = 'OTHER',
}

export enum QaOutcome {
  APPROVED = 'APPROVED',
  RESUBMIT = 'RESUBMIT',
}

/**
 * A statutory review (DHR/DARDR, SAR, CSPR). Holds no names of the people involved: the victim is
 * referred to by an agreed pseudonym only. Confidential reviews exist only for ADMIN and DHR_PANEL.
 */
@Entity('review')
@Unique('uq_review_ref', ['partnershipId', 'ref'])
export class ReviewEntity extends VersionedEntity {
  @Column({ name: 'partnership_id', type: 'uuid' })
  partnershipId: string;

  @ManyToOne(() => PartnershipEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'partnership_id' })
  partnership?: PartnershipEntity;

  @Column({ type: 'text' })
  kind: ReviewKind;

  @Column({ type: 'text' })
  ref: string;

  @Column({ type: 'text', default: '' })
  area: string;

  @Column({ type: 'text' })
  title: string;

  @Column({ type: 'text', nullable: true })
  pseudonym: string | null;

  @Column({ name: 'commissioned_on', type: 'date', nullable: true })
  commissionedOn: string | null;

  @Column({ name: 'notified_on', type: 'date', nullable: true })
  notifiedOn: string | null;

  @Column({ name: 'decided_on', type: 'date', nullable: true })
  decidedOn: string | null;

  @Column({ name: 'panel_started_on', type: 'date', nullable: true })
  panelStartedOn: string | null;

  @Column({ name: 'submitted_on', type: 'date', nullable: true })
  submittedOn: string | null;

  @Column({ name: 'qa_outcome', type: 'text', nullable: true })
  qaOutcome: QaOutcome | null;

  @Column({ name: 'qa_on', type: 'date', nullable: true })
  qaOn: string | null;

  @Column({ name: 'published_on', type: 'date', nullable: true })
  publishedOn: string | null;

  @Column({ type: 'boolean', default: true })
  confidential: boolean;
}
