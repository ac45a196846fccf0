import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { UserEntity } from './user.entity';

/** Wrong passwords given for an account since its last successful sign-in (sign-in alerts). */
@Entity('sign_in_failure')
export class SignInFailureEntity {
  @PrimaryColumn({ name: 'user_id', type: 'uuid', primaryKeyConstraintName: 'PK_sign_in_failure' })
  userId: string;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'FK_sign_in_failure_user' })
  user?: UserEntity;

  @Column({ name: 'failed_attempts', type: 'int', default: 0 })
  failedAttempts: number;

  @Column({ name: 'last_failed_at', type: 'timestamptz' })
  lastFailedAt: Date;
}
