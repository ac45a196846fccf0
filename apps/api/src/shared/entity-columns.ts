import { Column, CreateDateColumn, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/**
 * The columns most tables repeat, declared once. TypeORM gives an entity the columns of the abstract
 * classes it extends (they are no entities themselves), so the schema is exactly as if each entity
 * declared them: a uuid `id`, the optimistic-concurrency `version` (docs/architecture.md), and the
 * `created_at` / `updated_at` timestamps.
 */
export abstract class IdEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;
}

/** A record with an id and the time it was created. */
export abstract class CreatedRecord extends IdEntity {
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

/** A record edited under optimistic concurrency: every change must name the version it read. */
export abstract class VersionedRow extends IdEntity {
  @Column({ type: 'int', default: 1 })
  version: number;
}

/** A versioned record that also keeps when it was created. */
export abstract class VersionedRecord extends VersionedRow {
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

/** A versioned record that keeps when it was created and last changed. */
export abstract class VersionedEntity extends VersionedRecord {
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
