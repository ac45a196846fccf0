import { Column, Entity, JoinColumn, ManyToOne, Unique } from 'typeorm';
import { IdEntity } from '../../shared/entity-columns';
import { PartnershipEntity } from '../identity/partnership.entity';

/** A "kind:slug" label; ecological-level is reserved to its four levels, other kinds appear on first use. */
@Entity('tag')
@Unique('uq_tag_kind_slug', ['partnershipId', 'kind', 'slug'])
export class TagEntity extends IdEntity {
  @Column({ name: 'partnership_id', type: 'uuid' })
  partnershipId: string;

  @ManyToOne(() => PartnershipEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'partnership_id' })
  partnership?: PartnershipEntity;

  @Column({ type: 'text' })
  kind: string;

  @Column({ type: 'text' })
  slug: string;

  @Column({ type: 'text' })
  label: string;
}
