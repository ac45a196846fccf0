import type { Client } from '@urql/core';
import { WebStrategiesDocument, WebStrategyTreeDocument } from '@throughline/sdk';
import { load as query } from '$lib/graphql/server-client';
import { strategyOptionText } from '$lib/features/strategy/current';

export interface ObjectiveChoice {
  id: string;
  code: string;
  title: string;
  strategy: string;
  /** How a picker names it: "O1: Title", with its strategy (draft or ended said) where there are several. */
  label: string;
  outputs: { id: string; title: string; label: string }[];
}

/** Every objective of every strategy, for select lists and checkboxes. */
export async function allObjectives(api: Client): Promise<ObjectiveChoice[]> {
  const { strategies } = await query(api, WebStrategiesDocument, {});
  const trees = await Promise.all(strategies.map((s) => query(api, WebStrategyTreeDocument, { id: s.id })));
  // Several strategies may each have an "O1": the strategy tells them apart.
  const several = strategies.length > 1;
  return trees.flatMap(({ strategy }, i) => {
    const of = several ? ` (${strategyOptionText(strategies[i])})` : '';
    return (strategy?.objectives ?? []).map((o) => ({
      id: o.id,
      code: o.code,
      title: o.title,
      strategy: strategy!.title,
      label: `${o.code}: ${o.title}${of}`,
      outputs: o.outputs.map((out) => ({
        id: out.id,
        title: out.title,
        label: `${o.code}: ${out.title}${of}`,
      })),
    }));
  });
}
