/** The three data sizes of the benchmark (issue 10). Everything else is derived in proportion. */
export const SIZES = {
  S: { objectives: 5, actions: 500, updates: 5_000 },
  M: { objectives: 20, actions: 5_000, updates: 50_000 },
  L: { objectives: 50, actions: 20_000, updates: 200_000 },
};

/** Counts of the other records, in proportion to the three given ones. */
export function proportions(size) {
  const { objectives, actions } = size;
  return {
    ...size,
    outcomesPerObjective: 3,
    outputsPerObjective: 4,
    indicatorsPerOutcome: 2,
    measurementPeriods: 12, // quarterly, three years
    groups: Math.max(4, Math.round(actions / 1000)),
    reviews: Math.ceil(objectives / 2),
    recommendationsPerReview: 8,
    feedback: objectives * 4,
  };
}
