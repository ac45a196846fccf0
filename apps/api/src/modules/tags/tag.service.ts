import type { DataSource, EntityManager } from 'typeorm';
import { BadInputError, UnauthenticatedError } from '../../errors/errors';
import type { Viewer } from '../../shared/viewer';
import { TagEntity } from './tag.entity';
import { insertMissingTags, partnershipTags, tagsByKindAndSlug } from './tag.queries';
import { can } from '../../access';

/** The reserved kind: it holds exactly these four levels of the ecological model. */
export const ECOLOGICAL_LEVEL = 'ecological-level';
export const ECOLOGICAL_LEVELS = ['individual', 'community', 'institutional', 'societal'] as const;

export const MAX_KIND_LENGTH = 40;
export const MAX_SLUG_LENGTH = 80;
/** More tags than this on one record is a mistake (or an attack), not a plan. */
export const MAX_TAGS_PER_RECORD = 30;

const KEBAB = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export interface TagRef {
  kind: string;
  slug: string;
}

/** "theme:information-sharing" -> "Information sharing". */
export function labelForSlug(slug: string): string {
  const words = slug.replace(/-/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/**
 * Parses one "kind:slug" string. Both halves are lowercase kebab-case (letters, digits, single hyphens);
 * ecological-level accepts only its four levels. Errors name `field` (the input field, e.g. 'tags').
 */
export function parseTagRef(raw: string, field = 'tags'): TagRef {
  const ref = typeof raw === 'string' ? raw.trim() : '';
  const colon = ref.indexOf(':');
  if (colon < 0) {
    throw new BadInputError(
      field,
      `Tag "${clip(ref)}" must be written kind:slug, like theme:information-sharing.`,
    );
  }
  const kind = ref.slice(0, colon);
  const slug = ref.slice(colon + 1);
  if (!KEBAB.test(kind) || kind.length > MAX_KIND_LENGTH) {
    throw new BadInputError(
      field,
      `Tag kind "${clip(kind)}" must be lowercase letters, digits and hyphens (at most ${MAX_KIND_LENGTH} characters).`,
    );
  }
  if (!KEBAB.test(slug) || slug.length > MAX_SLUG_LENGTH) {
    throw new BadInputError(
      field,
      `Tag "${clip(slug)}" must be lowercase letters, digits and hyphens (at most ${MAX_SLUG_LENGTH} characters).`,
    );
  }
  if (kind === ECOLOGICAL_LEVEL && !(ECOLOGICAL_LEVELS as readonly string[]).includes(slug)) {
    throw new BadInputError(
      field,
      `Unknown ecological level "${slug}": use one of ${ECOLOGICAL_LEVELS.join(', ')}.`,
      { level: slug },
    );
  }
  return { kind, slug };
}

/** Parses a list of refs, dropping duplicates and keeping the first-seen order. */
export function parseTagRefs(refs: readonly string[], field = 'tags'): TagRef[] {
  if (refs.length > MAX_TAGS_PER_RECORD) {
    throw new BadInputError(field, `Give at most ${MAX_TAGS_PER_RECORD} tags.`);
  }
  const seen = new Set<string>();
  const out: TagRef[] = [];
  for (const raw of refs) {
    const t = parseTagRef(raw, field);
    const key = `${t.kind}:${t.slug}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(t);
  }
  return out;
}

export function tagRef(t: { kind: string; slug: string }): string {
  return `${t.kind}:${t.slug}`;
}

function clip(s: string): string {
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
}

/**
 * Ensures the given tags exist for the partnership and returns their rows in the order given.
 * Race-safe: concurrent first uses of a tag both INSERT ... ON CONFLICT DO NOTHING, then both SELECT
 * the one row. Runs on the caller's EntityManager, i.e. inside the caller's transaction.
 */
export async function resolveTagRefs(
  tx: EntityManager,
  partnershipId: string,
  tags: readonly TagRef[],
): Promise<TagEntity[]> {
  if (tags.length === 0) return [];
  const wanted = [...tags];
  // Using any level seeds all four, so that tags(kind: "ecological-level") lists the whole set.
  if (wanted.some((t) => t.kind === ECOLOGICAL_LEVEL)) {
    for (const level of ECOLOGICAL_LEVELS) {
      if (!wanted.some((t) => t.kind === ECOLOGICAL_LEVEL && t.slug === level)) {
        wanted.push({ kind: ECOLOGICAL_LEVEL, slug: level });
      }
    }
  }
  // One order for every transaction: concurrent writers inserting overlapping new tags in different
  // orders would each hold a unique-index entry the other waits for (a deadlock).
  wanted.sort((a, b) =>
    a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0,
  );
  const kinds = wanted.map((t) => t.kind);
  const slugs = wanted.map((t) => t.slug);
  await insertMissingTags(
    tx,
    partnershipId,
    kinds,
    slugs,
    wanted.map((t) => labelForSlug(t.slug)),
  );
  const rows = await tagsByKindAndSlug(
    tx,
    partnershipId,
    tags.map((t) => t.kind),
    tags.map((t) => t.slug),
  );
  const byRef = new Map(rows.map((r) => [tagRef(r), r]));
  return tags.map((t) => byRef.get(tagRef(t))!);
}

export class TagService {
  constructor(private readonly db: DataSource) {}

  /**
   * Validates "kind:slug" strings and returns their tags, creating those not yet used, inside the
   * caller's transaction. Bad syntax or an unknown ecological level: BAD_USER_INPUT naming `field`.
   */
  async resolveTags(
    tx: EntityManager,
    partnershipId: string,
    refs: readonly string[],
    field = 'tags',
  ): Promise<TagEntity[]> {
    return resolveTagRefs(tx, partnershipId, parseTagRefs(refs, field));
  }

  /** The partnership's tags, optionally of one kind, by kind then label. */
  async listTags(viewer: Viewer, kind?: string | null): Promise<TagEntity[]> {
    if (!viewer) throw new UnauthenticatedError();
    if (kind == null || kind === ECOLOGICAL_LEVEL) await this.ensureEcologicalLevels(viewer.partnershipId);
    return partnershipTags(this.db, viewer.partnershipId, kind, !can(viewer, 'review.readConfidential'));
  }

  /** The four reserved levels always exist; seeded lazily, on first look. */
  async ensureEcologicalLevels(
    partnershipId: string,
    manager: EntityManager = this.db.manager,
  ): Promise<void> {
    const have = await manager
      .getRepository(TagEntity)
      .count({ where: { partnershipId, kind: ECOLOGICAL_LEVEL } });
    if (have >= ECOLOGICAL_LEVELS.length) return;
    await resolveTagRefs(
      manager,
      partnershipId,
      ECOLOGICAL_LEVELS.map((slug) => ({ kind: ECOLOGICAL_LEVEL, slug })),
    );
  }
}
