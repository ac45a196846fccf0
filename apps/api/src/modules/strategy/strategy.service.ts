import type { DataSource, EntityManager } from 'typeorm';
import { BadInputError, NotFoundError } from '../../errors/errors';
import type { Viewer } from '../../shared/viewer';
import { updateVersioned } from '../../shared/versioned-update';
import { IndicatorEntity } from './indicator.entity';
import { MeasurementEntity } from './measurement.entity';
import { ObjectiveEntity } from './objective.entity';
import { OutcomeEntity } from './outcome.entity';
import { OutputEntity, OutputOutcomeEntity } from './output.entity';
import { StrategyEntity } from './strategy.entity';
import { linkOutcomes, outcomesOfObjective } from './output-outcomes';
import type {
  IndicatorInput,
  IndicatorPatch,
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
  INDICATOR,
  OBJECTIVE,
  OUTCOME,
  STRATEGY,
  auditChange,
  createAudited,
  editAudited,
} from './strategy.audited-writes';
import {
  findIndicatorIn,
  findObjectiveIn,
  findOutcomeIn,
  findOutputIn,
  findStrategyIn,
  nextPosition,
} from './strategy.queries';
import { codeUnique, notNull, position, tolerance } from './strategy.write-rules';
import {
  MAX_CODE,
  MAX_DESCRIPTION,
  MAX_TITLE,
  MAX_UNIT,
  finite,
  intInRange,
  optionalDate,
  period,
  text,
  thresholds,
} from './strategy.validation';
import { requireAccess, requireViewer } from '../../access';

export const DEFAULT_GREEN_THRESHOLD = 0.8;
export const DEFAULT_AMBER_THRESHOLD = 0.5;
export const DEFAULT_UPDATE_CADENCE_DAYS = 90;
const MAX_CADENCE_DAYS = 3660;
/** Reminder and escalation days of reporting rounds: a quarter at most. */
const MAX_ROUND_DAYS = 90;

/** An output with the outcomes it contributes to (kept in output_outcome). */
export type OutputWithOutcomes = OutputEntity & { outcomeIds: string[] };

/** A whole number of days set by a patch: it may be left out, not removed. */
function patchedDays(field: string, value: number | null | undefined, min: number, max: number): number {
  return intInRange(field, notNull(field, value)!, min, max);
}

export class StrategyService {
  constructor(private readonly db: DataSource) {}

  // ---- reads (any signed-in user of the partnership) ----

  /** The viewer's partnership's strategies, latest start first. */
  async listStrategies(viewer: Viewer): Promise<StrategyEntity[]> {
    const v = requireViewer(viewer);
    return this.db.getRepository(StrategyEntity).find({
      where: { partnershipId: v.partnershipId },
      order: { startsOn: { direction: 'DESC', nulls: 'LAST' }, createdAt: 'DESC' },
    });
  }

  /** A strategy of the viewer's partnership, or null (another partnership's is not visible). */
  async findStrategy(viewer: Viewer, id: string): Promise<StrategyEntity | null> {
    const v = requireViewer(viewer);
    return findStrategyIn(this.db.manager, v.partnershipId, id);
  }

  async getStrategy(viewer: Viewer, id: string): Promise<StrategyEntity> {
    const s = await this.findStrategy(viewer, id);
    if (!s) throw new NotFoundError('Strategy', id);
    return s;
  }

  async findObjective(viewer: Viewer, id: string): Promise<ObjectiveEntity | null> {
    return findObjectiveIn(this.db.manager, requireViewer(viewer).partnershipId, id);
  }

  async findOutcome(viewer: Viewer, id: string): Promise<OutcomeEntity | null> {
    return findOutcomeIn(this.db.manager, requireViewer(viewer).partnershipId, id);
  }

  async findOutput(viewer: Viewer, id: string): Promise<OutputEntity | null> {
    return findOutputIn(this.db.manager, requireViewer(viewer).partnershipId, id);
  }

  async findIndicator(viewer: Viewer, id: string): Promise<IndicatorEntity | null> {
    return findIndicatorIn(this.db.manager, requireViewer(viewer).partnershipId, id);
  }

  // ---- strategy ----

  async createStrategy(viewer: Viewer, input: StrategyInput): Promise<StrategyEntity> {
    const v = requireAccess(viewer, 'strategy.build');
    const values = {
      partnershipId: v.partnershipId,
      title: text('title', input.title, { required: true, max: MAX_TITLE }),
      vision: text('vision', input.vision, { max: MAX_DESCRIPTION }),
      startsOn: optionalDate('startsOn', input.startsOn),
      endsOn: optionalDate('endsOn', input.endsOn),
      greenThreshold: input.greenThreshold ?? DEFAULT_GREEN_THRESHOLD,
      amberThreshold: input.amberThreshold ?? DEFAULT_AMBER_THRESHOLD,
      updateCadenceDays: intInRange(
        'updateCadenceDays',
        input.updateCadenceDays ?? DEFAULT_UPDATE_CADENCE_DAYS,
        1,
        MAX_CADENCE_DAYS,
      ),
    };
    period(values.startsOn, values.endsOn);
    thresholds(values.greenThreshold, values.amberThreshold);
    return createAudited(this.db, v, STRATEGY, 'createStrategy', async () => values);
  }

  async updateStrategy(
    viewer: Viewer,
    id: string,
    version: number,
    patch: StrategyPatch,
  ): Promise<StrategyEntity> {
    const v = requireAccess(viewer, 'strategy.build');
    return editAudited(this.db, v, STRATEGY, 'updateStrategy', id, version, (_tx, current) => {
      const changes: Partial<StrategyEntity> = {};
      if (patch.title !== undefined)
        changes.title = text('title', notNull('title', patch.title), { required: true, max: MAX_TITLE });
      if (patch.vision !== undefined) changes.vision = text('vision', patch.vision, { max: MAX_DESCRIPTION });
      if (patch.startsOn !== undefined) changes.startsOn = optionalDate('startsOn', patch.startsOn);
      if (patch.endsOn !== undefined) changes.endsOn = optionalDate('endsOn', patch.endsOn);
      if (patch.greenThreshold !== undefined)
        changes.greenThreshold = notNull('greenThreshold', patch.greenThreshold);
      if (patch.amberThreshold !== undefined)
        changes.amberThreshold = notNull('amberThreshold', patch.amberThreshold);
      if (patch.updateCadenceDays !== undefined)
        changes.updateCadenceDays = patchedDays(
          'updateCadenceDays',
          patch.updateCadenceDays,
          1,
          MAX_CADENCE_DAYS,
        );
      if (patch.reminderDaysBefore !== undefined)
        changes.reminderDaysBefore = patchedDays(
          'reminderDaysBefore',
          patch.reminderDaysBefore,
          0,
          MAX_ROUND_DAYS,
        );
      if (patch.escalateAfterDays !== undefined)
        changes.escalateAfterDays = patchedDays(
          'escalateAfterDays',
          patch.escalateAfterDays,
          1,
          MAX_ROUND_DAYS,
        );
      const merged = { ...current, ...changes };
      period(merged.startsOn, merged.endsOn);
      thresholds(merged.greenThreshold, merged.amberThreshold);
      return changes;
    });
  }

  // ---- objective ----

  async createObjective(viewer: Viewer, input: ObjectiveInput): Promise<ObjectiveEntity> {
    const v = requireAccess(viewer, 'strategy.build');
    const code = text('code', input.code, { required: true, max: MAX_CODE });
    const title = text('title', input.title, { required: true, max: MAX_TITLE });
    const description = text('description', input.description, { max: MAX_DESCRIPTION });
    const pos = position(input.position);
    return createAudited(
      this.db,
      v,
      OBJECTIVE,
      'createObjective',
      async (tx) => {
        const strategy = await findStrategyIn(tx, v.partnershipId, input.strategyId);
        if (!strategy) throw new BadInputError('strategyId', 'No such strategy.');
        await this.assertCodeFree(tx, strategy.id, code, null);
        const position = pos ?? (await nextPosition(tx, 'objective', 'strategy_id', strategy.id));
        return { strategyId: strategy.id, code, title, description, position };
      },
      (save) => codeUnique(code, save),
    );
  }

  async updateObjective(
    viewer: Viewer,
    id: string,
    version: number,
    patch: ObjectivePatch,
  ): Promise<ObjectiveEntity> {
    const v = requireAccess(viewer, 'strategy.build');
    return editAudited(
      this.db,
      v,
      OBJECTIVE,
      'updateObjective',
      id,
      version,
      async (tx, current) => {
        const changes: Partial<ObjectiveEntity> = {};
        if (patch.code !== undefined) {
          changes.code = text('code', notNull('code', patch.code), { required: true, max: MAX_CODE });
          if (changes.code !== current.code)
            await this.assertCodeFree(tx, current.strategyId, changes.code, id);
        }
        if (patch.title !== undefined)
          changes.title = text('title', notNull('title', patch.title), { required: true, max: MAX_TITLE });
        if (patch.description !== undefined)
          changes.description = text('description', patch.description, { max: MAX_DESCRIPTION });
        if (patch.position !== undefined) changes.position = position(notNull('position', patch.position));
        return changes;
      },
      (write, current, changes) => codeUnique(changes.code ?? current.code, write),
    );
  }

  private async assertCodeFree(tx: EntityManager, strategyId: string, code: string, exceptId: string | null) {
    const clash = await tx.getRepository(ObjectiveEntity).findOne({ where: { strategyId, code } });
    if (clash && clash.id !== exceptId) {
      throw new BadInputError('code', `Objective code "${code}" is already used in this strategy.`);
    }
  }

  // ---- outcome ----

  async createOutcome(viewer: Viewer, input: OutcomeInput): Promise<OutcomeEntity> {
    const v = requireAccess(viewer, 'strategy.build');
    const title = text('title', input.title, { required: true, max: MAX_TITLE });
    const description = text('description', input.description, { max: MAX_DESCRIPTION });
    const pos = position(input.position);
    return createAudited(this.db, v, OUTCOME, 'createOutcome', async (tx) => {
      const objective = await findObjectiveIn(tx, v.partnershipId, input.objectiveId);
      if (!objective) throw new BadInputError('objectiveId', 'No such objective.');
      return {
        objectiveId: objective.id,
        title,
        description,
        position: pos ?? (await nextPosition(tx, 'outcome', 'objective_id', objective.id)),
      };
    });
  }

  async updateOutcome(
    viewer: Viewer,
    id: string,
    version: number,
    patch: OutcomePatch,
  ): Promise<OutcomeEntity> {
    const v = requireAccess(viewer, 'strategy.build');
    return editAudited(this.db, v, OUTCOME, 'updateOutcome', id, version, () => {
      const changes: Partial<OutcomeEntity> = {};
      if (patch.title !== undefined)
        changes.title = text('title', notNull('title', patch.title), { required: true, max: MAX_TITLE });
      if (patch.description !== undefined)
        changes.description = text('description', patch.description, { max: MAX_DESCRIPTION });
      if (patch.position !== undefined) changes.position = position(notNull('position', patch.position));
      return changes;
    });
  }

  // ---- output ----

  async createOutput(viewer: Viewer, input: OutputInput): Promise<OutputWithOutcomes> {
    const v = requireAccess(viewer, 'strategy.build');
    const title = text('title', input.title, { required: true, max: MAX_TITLE });
    const description = text('description', input.description, { max: MAX_DESCRIPTION });
    const pos = position(input.position);
    return this.db.transaction(async (tx) => {
      const objective = await findObjectiveIn(tx, v.partnershipId, input.objectiveId);
      if (!objective) throw new BadInputError('objectiveId', 'No such objective.');
      const outcomeIds = await outcomesOfObjective(tx, objective.id, input.outcomeIds ?? []);
      const saved = await tx.getRepository(OutputEntity).save(
        tx.getRepository(OutputEntity).create({
          objectiveId: objective.id,
          title,
          description,
          position: pos ?? (await nextPosition(tx, 'output', 'objective_id', objective.id)),
        }),
      );
      await linkOutcomes(tx, saved.id, outcomeIds);
      const after = { ...saved, outcomeIds };
      await auditChange(tx, v, 'createOutput', 'Output', saved.id, null, after);
      return after;
    });
  }

  async updateOutput(
    viewer: Viewer,
    id: string,
    version: number,
    patch: OutputPatch,
  ): Promise<OutputWithOutcomes> {
    const v = requireAccess(viewer, 'strategy.build');
    return this.db.transaction(async (tx) => {
      const current = await findOutputIn(tx, v.partnershipId, id);
      if (!current) throw new NotFoundError('Output', id);
      const links = await tx.getRepository(OutputOutcomeEntity).find({ where: { outputId: id } });
      const before = { ...current, outcomeIds: links.map((l) => l.outcomeId).sort() };
      const changes: Partial<OutputEntity> = {};
      if (patch.title !== undefined)
        changes.title = text('title', notNull('title', patch.title), { required: true, max: MAX_TITLE });
      if (patch.description !== undefined)
        changes.description = text('description', patch.description, { max: MAX_DESCRIPTION });
      if (patch.position !== undefined) changes.position = position(notNull('position', patch.position));
      let outcomeIds = before.outcomeIds;
      if (patch.outcomeIds !== undefined) {
        outcomeIds = await outcomesOfObjective(
          tx,
          current.objectiveId,
          notNull('outcomeIds', patch.outcomeIds)!,
        );
      }
      const updated = await updateVersioned(tx, OutputEntity, 'Output', current, version, changes);
      if (patch.outcomeIds !== undefined) {
        await tx.getRepository(OutputOutcomeEntity).delete({ outputId: id });
        await linkOutcomes(tx, id, outcomeIds);
      }
      const after = { ...updated, outcomeIds: [...outcomeIds].sort() };
      await auditChange(tx, v, 'updateOutput', 'Output', id, before, after);
      return after;
    });
  }

  // ---- indicator ----

  async createIndicator(viewer: Viewer, input: IndicatorInput): Promise<IndicatorEntity> {
    const v = requireAccess(viewer, 'strategy.build');
    const values = {
      name: text('name', input.name, { required: true, max: MAX_TITLE }),
      unit: text('unit', input.unit, { max: MAX_UNIT }),
      baseline: finite('baseline', input.baseline),
      target: finite('target', input.target),
      isRate: input.isRate ?? false,
      tolerance: tolerance(input.tolerance) ?? 0,
    };
    return createAudited(this.db, v, INDICATOR, 'createIndicator', async (tx) => {
      const outcome = await findOutcomeIn(tx, v.partnershipId, input.outcomeId);
      if (!outcome) throw new BadInputError('outcomeId', 'No such outcome.');
      return { ...values, outcomeId: outcome.id };
    });
  }

  async updateIndicator(
    viewer: Viewer,
    id: string,
    version: number,
    patch: IndicatorPatch,
  ): Promise<IndicatorEntity> {
    const v = requireAccess(viewer, 'strategy.build');
    return editAudited(this.db, v, INDICATOR, 'updateIndicator', id, version, async (tx, current) => {
      const changes: Partial<IndicatorEntity> = {};
      if (patch.name !== undefined)
        changes.name = text('name', notNull('name', patch.name), { required: true, max: MAX_TITLE });
      if (patch.unit !== undefined) changes.unit = text('unit', patch.unit, { max: MAX_UNIT });
      if (patch.baseline !== undefined) changes.baseline = finite('baseline', patch.baseline);
      if (patch.target !== undefined) changes.target = finite('target', patch.target);
      if (patch.tolerance != null) changes.tolerance = tolerance(patch.tolerance)!;
      if (patch.isRate != null && patch.isRate !== current.isRate) {
        // Values already recorded would mean something else (a percentage or a plain value).
        if (await tx.getRepository(MeasurementEntity).existsBy({ indicatorId: id })) {
          throw new BadInputError(
            'isRate',
            'An indicator with measurements cannot change to or from a rate.',
          );
        }
        changes.isRate = patch.isRate;
      }
      return changes;
    });
  }

  // Measurements and trajectories: IndicatorService (indicator.service.ts).
}
