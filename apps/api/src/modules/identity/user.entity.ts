import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { VersionedEntity } from '../../shared/entity-columns';
import { PartnershipEntity } from './partnership.entity';

export enum Role {
  ADMIN = 'ADMIN',
  BOARD = 'BOARD',
  DHR_PANEL = 'DHR_PANEL',
  FACILITATOR = 'FACILITATOR',
}

@Entity('app_user')
// Emails are unique whatever their case: the index is on lower(email).
@Index('uq_app_user_email', { synchronize: false })
export class UserEntity extends VersionedEntity {
  @Column({ name: 'partnership_id', type: 'uuid' })
  partnershipId: string;

  @ManyToOne(() => PartnershipEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'partnership_id' })
  partnership?: PartnershipEntity;

  @Column({ type: 'text' })
  email: string;

  @Column({ type: 'text' })
  name: string;

  /** argon2id hash; never leaves the service layer. */
  @Column({ name: 'password_hash', type: 'text' })
  passwordHash: string;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  roles: Role[];

  @Column({ type: 'boolean', default: true })
  active: boolean;
}
