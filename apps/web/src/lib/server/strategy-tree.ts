import { error } from '@sveltejs/kit';
import type { Client } from '@urql/core';
import { WebStrategyTreeDocument, type WebStrategyTreeQuery } from '@throughline/sdk';
import { load as query } from '$lib/graphql/server-client';

export type StrategyTree = NonNullable<WebStrategyTreeQuery['strategy']>;
export type TreeObjective = StrategyTree['objectives'][number];
export type TreeOutcome = TreeObjective['outcomes'][number];
export type TreeOutput = TreeObjective['outputs'][number];
export type TreeIndicator = TreeOutcome['indicators'][number];

/**
 * One part of a strategy, found in its tree (the API reads objectives, outcomes, outputs and
 * indicators through their strategy). 404 when the strategy or the part is not there.
 */
export async function strategyPart<T>(
  api: Client,
  strategyId: string,
  find: (s: StrategyTree) => T | undefined,
  what: string,
): Promise<{ strategy: StrategyTree; part: T }> {
  const { strategy } = await query(api, WebStrategyTreeDocument, { id: strategyId });
  if (!strategy) error(404, { message: 'There is no such strategy.' });
  const part = find(strategy);
  if (!part) error(404, { message: `There is no such ${what} in this strategy.` });
  return { strategy, part };
}

export const findObjective = (id: string) => (s: StrategyTree) => s.objectives.find((o) => o.id === id);

export const findOutcome = (id: string) => (s: StrategyTree) =>
  s.objectives
    .flatMap((objective) => objective.outcomes.map((outcome) => ({ objective, outcome })))
    .find((x) => x.outcome.id === id);

export const findOutput = (id: string) => (s: StrategyTree) =>
  s.objectives
    .flatMap((objective) => objective.outputs.map((output) => ({ objective, output })))
    .find((x) => x.output.id === id);

export const findIndicator = (id: string) => (s: StrategyTree) =>
  s.objectives
    .flatMap((objective) =>
      objective.outcomes.flatMap((outcome) =>
        outcome.indicators.map((indicator) => ({ objective, outcome, indicator })),
      ),
    )
    .find((x) => x.indicator.id === id);
