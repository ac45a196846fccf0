import { Column, Entity, JoinColumn, ManyToOne, Unique } from 'typeorm';
import { VersionedRow } from '../../shared/entity-columns';
import { PartnershipEntity } from '../identity/partnership.entity';

/** A thematic operational group (Housing, Harmful Practices, ...) that owns actions. */
@Entity('operational_group')
@Unique('uq_operational_group_name', ['partnershipId', 'name'])
export class OperationalGroupEntity extends VersionedRow {
  @Column({ name: 'partnership_id', type: 'uuid' })
  partnershipId: string;

  @ManyToOne(() => PartnershipEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'partnership_id' })
  partnership?: PartnershipEntity;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text', default: '' })
  description: string;
}
