import type { EntityManager } from 'typeorm';
import { BadInputError } from '../../errors/errors';
import { OutputOutcomeEntity } from './output.entity';
import { outcomesInObjective } from './strategy.queries';
import { isUuid } from './strategy.validation';

// The outcomes an output contributes to (output_outcome): checked against its objective, then linked.

export async function outcomesOfObjective(tx: EntityManager, objectiveId: string, ids: readonly string[]) {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return [];
  if (unique.length > 100) throw new BadInputError('outcomeIds', 'Give at most 100 outcomes.');
  const bad = unique.filter((id) => !isUuid(id));
  const found =
    unique.length === bad.length ? [] : await outcomesInObjective(tx, objectiveId, unique.filter(isUuid));
  if (found.length !== unique.length) {
    throw new BadInputError('outcomeIds', "An output can contribute only to its own objective's outcomes.");
  }
  return unique;
}

export async function linkOutcomes(tx: EntityManager, outputId: string, outcomeIds: readonly string[]) {
  if (outcomeIds.length === 0) return;
  await tx
    .getRepository(OutputOutcomeEntity)
    .insert(outcomeIds.map((outcomeId) => ({ outputId, outcomeId })));
}
