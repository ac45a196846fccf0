import { Column, Entity } from 'typeorm';
import { CreatedRecord } from '../../shared/entity-columns';

/** The tenant: every record belongs to one partnership, directly or through its parent. */
@Entity('partnership')
export class PartnershipEntity extends CreatedRecord {
  @Column({ type: 'text' })
  name: string;
}
