import { ObjectiveEntity } from '../../src/modules/strategy/objective.entity';
import { StrategyEntity } from '../../src/modules/strategy/strategy.entity';
import type { TestApp } from './test-app';

/**
 * The least plan an action needs: an operational group (made through the API, as `token`), a strategy
 * with a 90-day update cadence and one objective O1.
 */
export async function smallPlan(
  t: TestApp,
  token: string,
  title = 'VAWG Strategy',
): Promise<{ groupId: string; strategy: StrategyEntity; objective: ObjectiveEntity }> {
  const groupId = (
    await t.ok<{ createOperationalGroup: { id: string } }>(
      `mutation G($input: OperationalGroupInput!) { createOperationalGroup(input: $input) { id } }`,
      { input: { name: 'Housing' } },
      { token },
    )
  ).createOperationalGroup.id;
  const strategy = await t.dataSource
    .getRepository(StrategyEntity)
    .save({ partnershipId: t.partnershipId, title, updateCadenceDays: 90 });
  const objective = await t.dataSource
    .getRepository(ObjectiveEntity)
    .save({ strategyId: strategy.id, code: 'O1', title: 'Support' });
  return { groupId, strategy, objective };
}
