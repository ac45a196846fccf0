import type { CheckboxOption } from '$lib/ui/Checkboxes.svelte';

export interface TagChoice {
  ref: string;
  kind: string;
  label: string;
}

export interface TagGroup {
  kind: string;
  legend: string;
  options: CheckboxOption[];
}

export const ECOLOGICAL_LEVEL = 'ecological-level';
/** The reserved kind's four levels, in the model's order (individual outwards). */
const LEVELS = ['individual', 'community', 'institutional', 'societal'];

/**
 * Tags as checkbox groups, one per kind: the ecological level first with all four levels (the API
 * creates them only once one is used), then the other kinds by name, each kind's tags by label.
 */
export function tagGroups(tags: readonly TagChoice[]): TagGroup[] {
  const byKind = new Map<string, Map<string, string>>();
  byKind.set(
    ECOLOGICAL_LEVEL,
    new Map(LEVELS.map((l) => [`${ECOLOGICAL_LEVEL}:${l}`, l.charAt(0).toUpperCase() + l.slice(1)])),
  );
  for (const t of tags) {
    const kind = byKind.get(t.kind) ?? new Map<string, string>();
    kind.set(t.ref, t.label);
    byKind.set(t.kind, kind);
  }
  const kinds = [...byKind.keys()].sort((a, b) =>
    a === ECOLOGICAL_LEVEL ? -1 : b === ECOLOGICAL_LEVEL ? 1 : a.localeCompare(b),
  );
  return kinds.map((kind) => {
    const entries = [...byKind.get(kind)!];
    if (kind !== ECOLOGICAL_LEVEL) entries.sort((a, b) => a[1].localeCompare(b[1]));
    return {
      kind,
      legend: kindLabel(kind),
      options: entries.map(([value, text]) => ({ value, text })),
    };
  });
}

/** "ecological-level" -> "Ecological level". */
export function kindLabel(kind: string): string {
  const words = kind.replace(/[-_]+/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}
