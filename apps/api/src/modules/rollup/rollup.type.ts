import { Field, Float, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DateScalar } from '../../graphql/scalars';
import { Rag } from '../actions/action.enums';
import {
  IndicatorType,
  ObjectiveType,
  OutcomeType,
  OutputType,
  StrategyType,
} from '../strategy/strategy.type';
import { TagType } from '../tags/tag.type';
import type { TagCoverageRow } from './queries';

export enum TrendInterval {
  MONTH = 'MONTH',
  QUARTER = 'QUARTER',
}

registerEnumType(TrendInterval, { name: 'TrendInterval', description: 'The step between two trend points.' });

@ObjectType('ActionTally', {
  simpleResolvers: true,
  description: 'Counts of a set of actions as of a date (rules: docs/rollup-rules.md).',
})
export class ActionTally {
  @Field(() => Int, { description: 'All counted actions: agreed on or before asOf.' })
  total: number;

  @Field(() => Int, { description: 'Not cancelled, latest RAG red.' })
  red: number;

  @Field(() => Int)
  amber: number;

  @Field(() => Int)
  green: number;

  @Field(() => Int, { description: 'Not cancelled and no RAG (no update yet, or an update without RAG).' })
  unrated: number;

  @Field(() => Int)
  notStarted: number;

  @Field(() => Int)
  inProgress: number;

  @Field(() => Int)
  complete: number;

  @Field(() => Int)
  cancelled: number;

  @Field(() => Int, { description: 'Due before asOf and still NOT_STARTED or IN_PROGRESS.' })
  overdue: number;

  @Field(() => Int, {
    description:
      "NOT_STARTED or IN_PROGRESS, and the latest update (or agreedOn when none) is more than the strategy's cadence days before asOf.",
  })
  staleUpdates: number;
}

@ObjectType('OutputRollup', { simpleResolvers: true })
export class OutputRollup {
  @Field(() => OutputType)
  output: OutputType;

  @Field(() => Float, {
    nullable: true,
    description: 'COMPLETE 1; open actions GREEN 1, AMBER 0.5, RED 0; cancelled and unrated left out.',
  })
  score: number | null;

  @Field(() => Rag, { nullable: true })
  derivedRag: Rag | null;

  @Field(() => ActionTally)
  actions: ActionTally;
}

@ObjectType('IndicatorProgress', { simpleResolvers: true })
export class IndicatorProgress {
  @Field(() => IndicatorType)
  indicator: IndicatorType;

  @Field(() => Float, { nullable: true })
  baseline: number | null;

  @Field(() => Float, { nullable: true })
  target: number | null;

  @Field(() => Float, {
    nullable: true,
    description: 'The partnership-wide value (no area) with the latest period on or before asOf.',
  })
  latest: number | null;

  @Field(() => DateScalar, { nullable: true })
  latestPeriod: string | null;

  @Field(() => Float, {
    nullable: true,
    description: '(latest - baseline) / (target - baseline) clamped to 0..1; null when undefined.',
  })
  progress: number | null;
}

@ObjectType('OutcomeRollup', { simpleResolvers: true })
export class OutcomeRollup {
  @Field(() => OutcomeType)
  outcome: OutcomeType;

  @Field(() => [IndicatorProgress])
  indicators: IndicatorProgress[];
}

@ObjectType('ObjectiveRollup', { simpleResolvers: true })
export class ObjectiveRollup {
  @Field(() => ObjectiveType)
  objective: ObjectiveType;

  @Field(() => Float, { nullable: true })
  score: number | null;

  @Field(() => Rag, { nullable: true })
  derivedRag: Rag | null;

  @Field(() => ActionTally, { description: "All the objective's counted actions." })
  actions: ActionTally;

  @Field(() => [OutputRollup])
  outputs: OutputRollup[];

  @Field(() => [OutcomeRollup])
  outcomes: OutcomeRollup[];
}

@ObjectType('TagCoverageCell', { simpleResolvers: true })
export class TagCoverageCell {
  @Field(() => ObjectiveType)
  objective: ObjectiveType;

  @Field(() => TagType)
  tag: TagType;

  @Field(() => Int, { description: "The objective's counted, non-cancelled actions carrying the tag." })
  actionCount: number;
}

@ObjectType('RecommendationTally', {
  simpleResolvers: true,
  description:
    "The partnership's review recommendations the reader may see, created on or before asOf, by status as of asOf.",
})
export class RecommendationTally {
  @Field(() => Int)
  total: number;

  @Field(() => Int)
  open: number;

  @Field(() => Int)
  inProgress: number;

  @Field(() => Int)
  implemented: number;

  @Field(() => Int)
  assured: number;

  @Field(() => Int, { description: 'Due before asOf and OPEN or IN_PROGRESS.' })
  overdue: number;
}

@ObjectType('FeedbackTally', {
  simpleResolvers: true,
  description: "The partnership's survivor feedback received on or before asOf.",
})
export class FeedbackTally {
  @Field(() => Int)
  total: number;

  @Field(() => Int, { description: 'With at least one response on or before asOf.' })
  responded: number;
}

// simpleResolvers on the roll-up's types: plain fields are read as properties (no field-level auth or
// middleware here; graphql/simple-resolvers.test.ts keeps it so), which the roll-up's answer as text
// (rollup-answer.ts) requires of every field it writes.
@ObjectType('BoardRollup', {
  description: "The board's view of a strategy as of a date.",
  simpleResolvers: true,
})
export class BoardRollup {
  @Field(() => DateScalar)
  asOf: string;

  @Field(() => StrategyType)
  strategy: StrategyType;

  @Field(() => ActionTally)
  totals: ActionTally;

  @Field(() => [ObjectiveRollup])
  objectives: ObjectiveRollup[];

  // tagCoverage(kind) is a field resolver (rollup.resolver.ts). The kinds the query selects are computed
  // with the roll-up itself (precomputedCoverage, not exposed); any other kind costs one statement.
  precomputedCoverage?: Map<string, TagCoverageRow[]>;

  /** A closed round's record (frozen-rollup.service.ts): tagCoverage answers from the record only. */
  frozenCoverage?: (kind: string) => Promise<TagCoverageRow[]>;

  @Field(() => RecommendationTally)
  recommendations: RecommendationTally;

  @Field(() => FeedbackTally)
  feedback: FeedbackTally;
}

@ObjectType('TrendPoint')
export class TrendPoint {
  @Field(() => DateScalar)
  asOf: string;

  @Field(() => Float, { nullable: true })
  score: number | null;

  @Field(() => Rag, { nullable: true })
  derivedRag: Rag | null;

  @Field(() => ActionTally)
  actions: ActionTally;
}
