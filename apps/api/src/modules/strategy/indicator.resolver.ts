import { Arg, Authorized, Ctx, FieldResolver, ID, Mutation, Resolver, Root } from 'type-graphql';
import type { GraphQLContext } from '../../graphql/context';
import { userById } from '../actions';
import { UserType } from '../identity/user.type';
import { Role } from '../identity/user.entity';
import { IndicatorTargetType, MeasurementRevisionType } from './indicator.type';
import { revisionsByMeasurement, targetsByIndicator } from './indicator.loaders';
import { IndicatorTargetInput } from './strategy.inputs';
import { IndicatorType, MeasurementType } from './strategy.type';

// Thin resolvers for trajectories and provenance; the rules are in IndicatorService.

@Resolver(() => IndicatorType)
export class IndicatorTrajectoryResolver {
  @Authorized(Role.ADMIN)
  @Mutation(() => IndicatorTargetType, {
    description:
      'Sets the value to reach by a date (optionally for an area); replaces one set for the same date and area.',
  })
  setIndicatorTarget(
    @Arg('input', () => IndicatorTargetInput) input: IndicatorTargetInput,
    @Ctx() ctx: GraphQLContext,
  ): Promise<IndicatorTargetType> {
    return ctx.services.indicators.setIndicatorTarget(ctx.viewer!, input);
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => Boolean, { description: 'Removes one point of a trajectory.' })
  removeIndicatorTarget(@Arg('id', () => ID) id: string, @Ctx() ctx: GraphQLContext): Promise<boolean> {
    return ctx.services.indicators.removeIndicatorTarget(ctx.viewer!, id);
  }

  @FieldResolver(() => [IndicatorTargetType], {
    description: 'The trajectory: partnership-wide points first, then by area, each in date order.',
  })
  trajectory(@Root() i: IndicatorType, @Ctx() ctx: GraphQLContext): Promise<IndicatorTargetType[]> {
    return targetsByIndicator(ctx).load(i.id);
  }
}

@Resolver(() => MeasurementType)
export class MeasurementProvenanceResolver {
  @FieldResolver(() => UserType, { nullable: true, description: 'Who recorded this value.' })
  recordedBy(@Root() m: { recordedBy: string | null }, @Ctx() ctx: GraphQLContext) {
    return m.recordedBy ? userById(ctx).load(m.recordedBy) : null;
  }

  @FieldResolver(() => [MeasurementRevisionType], {
    description: 'Earlier values that corrections replaced, the most recently replaced first.',
  })
  history(@Root() m: MeasurementType, @Ctx() ctx: GraphQLContext): Promise<MeasurementRevisionType[]> {
    return revisionsByMeasurement(ctx).load(m.id);
  }
}

@Resolver(() => MeasurementRevisionType)
export class MeasurementRevisionResolver {
  @FieldResolver(() => UserType, { nullable: true, description: 'Who had recorded this earlier value.' })
  recordedBy(@Root() r: MeasurementRevisionType, @Ctx() ctx: GraphQLContext) {
    return r.recordedBy ? userById(ctx).load(r.recordedBy) : null;
  }

  @FieldResolver(() => UserType, { nullable: true, description: 'Who recorded the correction.' })
  replacedBy(@Root() r: MeasurementRevisionType, @Ctx() ctx: GraphQLContext) {
    return r.replacedBy ? userById(ctx).load(r.replacedBy) : null;
  }
}

@Resolver(() => IndicatorTargetType)
export class IndicatorTargetResolver {
  @FieldResolver(() => String, { nullable: true, description: 'e.g. a borough; null for partnership-wide.' })
  area(@Root() t: IndicatorTargetType): string | null {
    return t.area === '' ? null : t.area;
  }
}
