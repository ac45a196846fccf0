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

export function createArmor() {
  return new ApolloArmor({
    maxDepth: { n: queryLimits.maxDepth, exposeLimits: false },
    maxAliases: { n: queryLimits.maxAliases, exposeLimits: false },
    maxDirectives: { n: queryLimits.maxDirectives, exposeLimits: false },
    maxTokens: { n: queryLimits.maxTokens, exposeLimits: false },
    costLimit: { maxCost: queryLimits.costLimit, exposeLimits: false },
    blockFieldSuggestion: { enabled: true },
  });
}
