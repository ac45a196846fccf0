import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { CreatedRecord } from '../../shared/entity-columns';
import { UserEntity } from './user.entity';

/** A signed-in session. Only a SHA-256 hash of the token is stored, so a database leak gives no live sessions. */
@Entity('session')
export class SessionEntity extends CreatedRecord {
  @Index()
  @Column({ name: 'user_id', type: 'uuid' })
  userId: string;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: UserEntity;

  @Index({ unique: true })
  @Column({ name: 'token_hash', type: 'text' })
  tokenHash: string;

  @Column({ name: 'last_seen_at', type: 'timestamptz', default: () => 'now()' })
  lastSeenAt: Date;

  /** Absolute expiry; the idle timeout is checked against lastSeenAt. */
  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt: Date;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt: Date | null;

  @Column({ name: 'ip', type: 'text', nullable: true })
  ip: string | null;

  @Column({ name: 'user_agent', type: 'text', nullable: true })
  userAgent: string | null;

  /** Wrong passwords for the account since its previous sign-in, shown to the person (sign-in alerts). */
  @Column({ name: 'failed_sign_ins_before', type: 'int', default: 0 })
  failedSignInsBefore: number;

  @Column({ name: 'last_failed_sign_in_before', type: 'timestamptz', nullable: true })
  lastFailedSignInBefore: Date | null;
}
