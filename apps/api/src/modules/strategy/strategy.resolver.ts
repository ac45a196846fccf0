import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { GraphQLContext } from '../../graphql/context';
import { Role } from '../identity/user.entity';
import {
  IndicatorInput,
  IndicatorPatch,
  MeasurementInput,
  ObjectiveInput,
  ObjectivePatch,
  OutcomeInput,
  OutcomePatch,
  OutputInput,
  OutputPatch,
  StrategyInput,
  StrategyPatch,
} from './strategy.inputs';
import {
  indicatorsByOutcome,
  measurementsByIndicator,
  objectiveById,
  objectivesByStrategy,
  outcomeById,
  outcomesByObjective,
  outcomesByOutput,
  outputsByObjective,
  outputsByOutcome,
  strategyById,
} from './strategy.loaders';
import {
  IndicatorType,
  MeasurementType,
  ObjectiveType,
  OutcomeType,
  OutputType,
  StrategyType,
} from './strategy.type';

// Thin resolvers: args -> one service call or one loader -> result. Rules live in StrategyService.

@Resolver(() => StrategyType)
export class StrategyResolver {
  @Authorized()
  @Query(() => [StrategyType], { description: "The partnership's strategies." })
  strategies(@Ctx() ctx: GraphQLContext): Promise<StrategyType[]> {
    return ctx.services.strategy.listStrategies(ctx.viewer!);
  }

  @Authorized()
  @Query(() => StrategyType, { nullable: true })
  strategy(@Arg('id', () => ID) id: string, @Ctx() ctx: GraphQLContext): Promise<StrategyType | null> {
    return ctx.services.strategy.findStrategy(ctx.viewer!, id);
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => StrategyType)
  createStrategy(
    @Arg('input', () => StrategyInput) input: StrategyInput,
    @Ctx() ctx: GraphQLContext,
  ): Promise<StrategyType> {
    return ctx.services.strategy.createStrategy(ctx.viewer!, input);
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => StrategyType, { description: 'Stale version -> CONFLICT with extensions.currentVersion.' })
  updateStrategy(
    @Arg('id', () => ID) id: string,
    @Arg('version', () => Int) version: number,
    @Arg('input', () => StrategyPatch) input: StrategyPatch,
    @Ctx() ctx: GraphQLContext,
  ): Promise<StrategyType> {
    return ctx.services.strategy.updateStrategy(ctx.viewer!, id, version, input);
  }

  @FieldResolver(() => [ObjectiveType], { description: 'In display order (position, then code).' })
  objectives(@Root() s: StrategyType, @Ctx() ctx: GraphQLContext): Promise<ObjectiveType[]> {
    return objectivesByStrategy(ctx).load(s.id);
  }
}

@Resolver(() => ObjectiveType)
export class ObjectiveResolver {
  @Authorized(Role.ADMIN)
  @Mutation(() => ObjectiveType)
  createObjective(
    @Arg('input', () => ObjectiveInput) input: ObjectiveInput,
    @Ctx() ctx: GraphQLContext,
  ): Promise<ObjectiveType> {
    return ctx.services.strategy.createObjective(ctx.viewer!, input);
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => ObjectiveType, { description: 'Stale version -> CONFLICT with extensions.currentVersion.' })
  updateObjective(
    @Arg('id', () => ID) id: string,
    @Arg('version', () => Int) version: number,
    @Arg('input', () => ObjectivePatch) input: ObjectivePatch,
    @Ctx() ctx: GraphQLContext,
  ): Promise<ObjectiveType> {
    return ctx.services.strategy.updateObjective(ctx.viewer!, id, version, input);
  }

  @FieldResolver(() => StrategyType)
  async strategy(@Root() o: ObjectiveType, @Ctx() ctx: GraphQLContext): Promise<StrategyType> {
    return (await strategyById(ctx).load(o.strategyId))!;
  }

  @FieldResolver(() => [OutcomeType], { description: '"What difference will this make?"' })
  outcomes(@Root() o: ObjectiveType, @Ctx() ctx: GraphQLContext): Promise<OutcomeType[]> {
    return outcomesByObjective(ctx).load(o.id);
  }

  @FieldResolver(() => [OutputType], { description: '"How will we achieve our outcome?"' })
  outputs(@Root() o: ObjectiveType, @Ctx() ctx: GraphQLContext): Promise<OutputType[]> {
    return outputsByObjective(ctx).load(o.id);
  }
}

@Resolver(() => OutcomeType)
export class OutcomeResolver {
  @Authorized(Role.ADMIN)
  @Mutation(() => OutcomeType)
  createOutcome(
    @Arg('input', () => OutcomeInput) input: OutcomeInput,
    @Ctx() ctx: GraphQLContext,
  ): Promise<OutcomeType> {
    return ctx.services.strategy.createOutcome(ctx.viewer!, input);
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => OutcomeType, { description: 'Stale version -> CONFLICT with extensions.currentVersion.' })
  updateOutcome(
    @Arg('id', () => ID) id: string,
    @Arg('version', () => Int) version: number,
    @Arg('input', () => OutcomePatch) input: OutcomePatch,
    @Ctx() ctx: GraphQLContext,
  ): Promise<OutcomeType> {
    return ctx.services.strategy.updateOutcome(ctx.viewer!, id, version, input);
  }

  @FieldResolver(() => ObjectiveType)
  async objective(@Root() o: OutcomeType, @Ctx() ctx: GraphQLContext): Promise<ObjectiveType> {
    return (await objectiveById(ctx).load(o.objectiveId))!;
  }

  @FieldResolver(() => [OutputType], { description: 'The outputs contributing to this outcome.' })
  outputs(@Root() o: OutcomeType, @Ctx() ctx: GraphQLContext): Promise<OutputType[]> {
    return outputsByOutcome(ctx).load(o.id);
  }

  @FieldResolver(() => [IndicatorType])
  indicators(@Root() o: OutcomeType, @Ctx() ctx: GraphQLContext): Promise<IndicatorType[]> {
    return indicatorsByOutcome(ctx).load(o.id);
  }
}

@Resolver(() => OutputType)
export class OutputResolver {
  @Authorized(Role.ADMIN)
  @Mutation(() => OutputType, { description: 'outcomeIds must be outcomes of the same objective.' })
  createOutput(
    @Arg('input', () => OutputInput) input: OutputInput,
    @Ctx() ctx: GraphQLContext,
  ): Promise<OutputType> {
    return ctx.services.strategy.createOutput(ctx.viewer!, input);
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => OutputType, { description: 'Stale version -> CONFLICT with extensions.currentVersion.' })
  updateOutput(
    @Arg('id', () => ID) id: string,
    @Arg('version', () => Int) version: number,
    @Arg('input', () => OutputPatch) input: OutputPatch,
    @Ctx() ctx: GraphQLContext,
  ): Promise<OutputType> {
    return ctx.services.strategy.updateOutput(ctx.viewer!, id, version, input);
  }

  @FieldResolver(() => ObjectiveType)
  async objective(@Root() o: OutputType, @Ctx() ctx: GraphQLContext): Promise<ObjectiveType> {
    return (await objectiveById(ctx).load(o.objectiveId))!;
  }

  @FieldResolver(() => [OutcomeType], { description: 'The outcomes this output contributes to.' })
  outcomes(@Root() o: OutputType, @Ctx() ctx: GraphQLContext): Promise<OutcomeType[]> {
    return outcomesByOutput(ctx).load(o.id);
  }
}

@Resolver(() => IndicatorType)
export class IndicatorResolver {
  @Authorized(Role.ADMIN)
  @Mutation(() => IndicatorType)
  createIndicator(
    @Arg('input', () => IndicatorInput) input: IndicatorInput,
    @Ctx() ctx: GraphQLContext,
  ): Promise<IndicatorType> {
    return ctx.services.strategy.createIndicator(ctx.viewer!, input);
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => IndicatorType, { description: 'Stale version -> CONFLICT with extensions.currentVersion.' })
  updateIndicator(
    @Arg('id', () => ID) id: string,
    @Arg('version', () => Int) version: number,
    @Arg('input', () => IndicatorPatch) input: IndicatorPatch,
    @Ctx() ctx: GraphQLContext,
  ): Promise<IndicatorType> {
    return ctx.services.strategy.updateIndicator(ctx.viewer!, id, version, input);
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => MeasurementType, {
    description:
      'Replaces any value already recorded for the same indicator, period and area (kept in Measurement.history). The period may not be in the future or outside the strategy.',
  })
  recordMeasurement(
    @Arg('input', () => MeasurementInput) input: MeasurementInput,
    @Ctx() ctx: GraphQLContext,
  ): Promise<MeasurementType> {
    return ctx.services.indicators.recordMeasurement(ctx.viewer!, input);
  }

  @FieldResolver(() => Boolean, { description: 'True when the target is below the baseline.' })
  lowerIsBetter(@Root() i: IndicatorType): boolean {
    return i.target != null && i.baseline != null && i.target < i.baseline;
  }

  @FieldResolver(() => OutcomeType)
  async outcome(@Root() i: IndicatorType, @Ctx() ctx: GraphQLContext): Promise<OutcomeType> {
    return (await outcomeById(ctx).load(i.outcomeId))!;
  }

  @FieldResolver(() => [MeasurementType], {
    description:
      'In period order. area: only that area; partnershipWide: only values with no area; neither: all.',
  })
  measurements(
    @Root() i: IndicatorType,
    @Arg('area', () => String, { nullable: true }) area: string | null | undefined,
    @Arg('partnershipWide', () => Boolean, { nullable: true }) partnershipWide: boolean | null | undefined,
    @Ctx() ctx: GraphQLContext,
  ): Promise<MeasurementType[]> {
    return measurementsByIndicator(ctx, { area, partnershipWide: !!partnershipWide }).load(i.id);
  }
}

@Resolver(() => MeasurementType)
export class MeasurementResolver {
  @FieldResolver(() => String, { nullable: true, description: 'e.g. a borough; null for partnership-wide.' })
  area(@Root() m: MeasurementType): string | null {
    return m.area === '' ? null : m.area;
  }
}
