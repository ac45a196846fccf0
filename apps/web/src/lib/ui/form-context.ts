import { getContext, setContext } from 'svelte';
import type { FormError } from '$lib/forms';

/** What a refused form action handed back (FormState, or a ScopedFormState with its form's key). */
export interface FormContextState {
  key?: string;
  errors?: FormError[];
  values?: Record<string, string>;
  lists?: Record<string, string[]>;
}

interface FormContext {
  /** The state, when it belongs to this form (the same key, for pages with several forms of a kind). */
  state(): FormContextState | null | undefined;
  /** Prefix of every field id (`${key}-${name}`), where a page has several forms of one kind. */
  key(): string | undefined;
}

const CONTEXT = Symbol('form');

/** Form.svelte: its fields find their id, error and what was typed here. */
export function provideForm(ctx: FormContext): void {
  setContext(CONTEXT, ctx);
}

/**
 * A field's id, name, error and value inside a Form: the id is `${key}-${name}` in a keyed form,
 * else the name; the error and the value typed come from the form's refused state, when it is this
 * form's; the props given win. Outside a Form, the props alone (id, and name defaulting to it).
 */
export function useField(props: () => { id?: string; name?: string; error?: string }) {
  const ctx = getContext<FormContext | undefined>(CONTEXT);
  return {
    id: () => {
      const p = props();
      const key = ctx?.key();
      return p.id ?? (key ? `${key}-${p.name}` : p.name!);
    },
    name: () => props().name ?? props().id!,
    error(id: string): string | undefined {
      return props().error ?? ctx?.state()?.errors?.find((e) => e.field === id)?.message;
    },
    /** What was typed into `name`, when this form was refused (undefined: show the saved value). */
    typed(name: string): string | undefined {
      return ctx?.state()?.values?.[name];
    },
    /** The boxes ticked, when this form was refused (none ticked is sent as no field at all). */
    typedList(name: string): string[] | undefined {
      const state = ctx?.state();
      return state ? (state.lists?.[name] ?? []) : undefined;
    },
  };
}
