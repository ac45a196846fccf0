import { readDate } from './dates';

/** One entry of a GOV.UK error summary; `field` is the id of the input it links to. */
export interface FormError {
  field?: string;
  message: string;
}

/** What a failed form action hands back to its page: the errors and what the person typed. */
export interface FormState {
  errors: FormError[];
  values: Record<string, string>;
  /** Every value of each field, for checkboxes (values holds only the last). */
  lists: Record<string, string[]>;
}

/** The message shown beside a field, if any. */
export function fieldError(
  form: { errors?: FormError[] } | null | undefined,
  field: string,
): string | undefined {
  return form?.errors?.find((e) => e.field === field)?.message;
}

/**
 * For a page with several forms of a kind, each with its key (lib/server/scoped-form.ts, the admin's
 * groups and users pages): `err(key, field)` and `val(key, field)` are the error of field
 * `${key}-${field}` and what was typed in it, when the refused form (`state()`) was the one with `key`.
 */
export function scopedFields(
  state: () => { key: string; errors: FormError[]; values: Record<string, string> } | null | undefined,
) {
  const own = (key: string) => {
    const sc = state();
    return sc?.key === key ? sc : undefined;
  };
  return {
    err: (key: string, field: string) => fieldError(own(key), `${key}-${field}`),
    val: (key: string, field: string): string | undefined => own(key)?.values[field],
  };
}

/**
 * Reads a submitted form into typed GraphQL variables. Only what GraphQL itself would refuse before
 * the API's rules run (a date or number that does not parse) is checked here; every other rule is the
 * API's, reported back through extensions.field.
 */
export class FormReader {
  readonly errors: FormError[] = [];
  readonly values: Record<string, string> = {};
  readonly lists: Record<string, string[]> = {};

  constructor(private readonly data: FormData) {
    for (const [k, v] of data.entries()) {
      if (typeof v !== 'string') continue;
      this.values[k] = v;
      (this.lists[k] ??= []).push(v);
    }
  }

  text(name: string): string {
    return String(this.data.get(name) ?? '').trim();
  }

  /** null when left blank. */
  optionalText(name: string): string | null {
    const v = this.text(name);
    return v === '' ? null : v;
  }

  all(name: string): string[] {
    return this.data
      .getAll(name)
      .map((v) => String(v).trim())
      .filter(Boolean);
  }

  /**
   * The date input `name` (day, month and year fields: DateInput.svelte) as YYYY-MM-DD; null when blank
   * and not required. What was typed is kept as values[name], for the page to show again.
   */
  date(name: string, label: string, required = false): string | null {
    const read = readDate((k) => this.data.get(k) as string | null, name, label, required);
    this.values[name] = read.typed;
    if (read.error) this.errors.push({ field: name, message: read.error });
    return read.value;
  }

  /** A number; null when blank and not required. */
  number(name: string, label: string, required = false): number | null {
    const v = this.text(name).replace(/,/g, '');
    if (v === '') {
      if (required) this.errors.push({ field: name, message: `Enter ${label}` });
      return null;
    }
    const n = Number(v);
    if (!Number.isFinite(n)) {
      this.errors.push({ field: name, message: `${capitalise(label)} must be a number, like 12 or 0.5` });
      return null;
    }
    return n;
  }

  /** One of the allowed values (radios, selects); the person must choose when required. */
  choice<T extends string>(name: string, allowed: readonly T[], label: string, required = true): T | null {
    const v = this.text(name);
    if ((allowed as readonly string[]).includes(v)) return v as T;
    if (v !== '' || required) this.errors.push({ field: name, message: `Select ${label}` });
    return null;
  }

  get ok(): boolean {
    return this.errors.length === 0;
  }

  state(extra: FormError[] = []): FormState {
    return { errors: [...this.errors, ...extra], values: this.values, lists: this.lists };
  }
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
