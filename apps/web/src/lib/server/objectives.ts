import type { Client } from '@urql/core';
import { WebStrategiesDocument, WebStrategyTreeDocument } from '@throughline/sdk';
import { load as query } from '$lib/graphql/server-client';

export interface ObjectiveChoice {
  id: string;
  code: string;
  title: string;
  strategy: string;
  outputs: { id: string; title: string }[];
}

/** Every objective of every strategy, for select lists and checkboxes. */
export async function allObjectives(api: Client): Promise<ObjectiveChoice[]> {
  const { strategies } = await query(api, WebStrategiesDocument, {});
  const trees = await Promise.all(strategies.map((s) => query(api, WebStrategyTreeDocument, { id: s.id })));
  return trees.flatMap(({ strategy }) =>
    (strategy?.objectives ?? []).map((o) => ({
      id: o.id,
      code: o.code,
      title: o.title,
      strategy: strategy!.title,
      outputs: o.outputs.map((out) => ({ id: out.id, title: out.title })),
    })),
  );
}
