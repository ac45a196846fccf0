import { ApolloArmor } from '@escape.tech/graphql-armor';

/**
 * Query-shape limits against abusive documents (graphql-armor). The numbers leave headroom over the
 * largest operation the web app sends (the board roll-up) while refusing deep or wide abuse.
 */
export const queryLimits = {
  maxDepth: 12,
  maxAliases: 15,
  maxDirectives: 20,
  maxTokens: 3000,
  costLimit: 20000,
};

/** What a refused client is told: which limit, never its value (exposeLimits: false). */
export const limitMessages = {
  depth: 'Query is nested too deeply.',
  aliases: 'Query uses too many aliases.',
  directives: 'Query uses too many directives.',
  tokens: 'Query is too long.',
  cost: 'Query is too expensive.',
};

/**
 * The token limit is graphql-js's own (Apollo's `parseOptions`), not graphql-armor's: armor counts by
 * parsing the document in a plugin hook, so any syntax error thrown there (`{`) escaped Apollo's
 * request pipeline as an unexpected error and came back as HTTP 500. graphql-js counts while Apollo
 * parses, and a refusal is an ordinary syntax error: 400, GRAPHQL_PARSE_FAILED.
 */
export const parseOptions = { maxTokens: queryLimits.maxTokens };

/**
 * graphql-js names the token limit in its message ("Document contains more that 3000 tokens", its
 * spelling); say which limit was hit, not its value.
 */
export function maskTokenLimit(message: string): string {
  return /Document contains more \w+ \d+ tokens/.test(message) ? limitMessages.tokens : message;
}

export function createArmor() {
  const shape = (n: number, errorMessage: string) => ({ n, exposeLimits: false, errorMessage });
  return new ApolloArmor({
    // Fragments are measured where they are spread, so they neither hide depth nor add to it.
    maxDepth: { ...shape(queryLimits.maxDepth, limitMessages.depth), flattenFragments: true },
    maxAliases: shape(queryLimits.maxAliases, limitMessages.aliases),
    maxDirectives: shape(queryLimits.maxDirectives, limitMessages.directives),
    maxTokens: { enabled: false },
    costLimit: { maxCost: queryLimits.costLimit, exposeLimits: false, errorMessage: limitMessages.cost },
    blockFieldSuggestion: { enabled: true },
  });
}
