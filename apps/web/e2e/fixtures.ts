import {
  WebAddActionUpdateDocument,
  WebCreateActionDocument,
  WebCreateGroupDocument,
  WebCreateIndicatorDocument,
  WebCreateObjectiveDocument,
  WebCreateOutcomeDocument,
  WebCreateOutputDocument,
  WebCreateStrategyDocument,
  WebRecordMeasurementDocument,
  type WebAddActionUpdateMutationVariables,
} from '@throughline/sdk';
import { admin, gql, unique } from './support';

export interface Plan {
  strategyId: string;
  objectiveId: string;
  objectiveCode: string;
  outputId: string;
  outcomeId: string;
  indicatorId: string;
}

/** A strategy with one objective, output, outcome and indicator (baseline 10, target 20, latest 15). */
export async function seedPlan(title = unique('Strategy')): Promise<Plan> {
  const token = await admin();
  const { createStrategy } = await gql(
    WebCreateStrategyDocument,
    { input: { title, vision: 'Everyone lives free from violence and abuse.', startsOn: '2025-04-01' } },
    token,
  );
  const objectiveCode = unique('O').toUpperCase();
  const { createObjective } = await gql(
    WebCreateObjectiveDocument,
    { input: { strategyId: createStrategy.id, code: objectiveCode, title: 'Survivors get help early' } },
    token,
  );
  const { createOutcome } = await gql(
    WebCreateOutcomeDocument,
    { input: { objectiveId: createObjective.id, title: 'More survivors report abuse' } },
    token,
  );
  const { createOutput } = await gql(
    WebCreateOutputDocument,
    {
      input: {
        objectiveId: createObjective.id,
        title: 'Train frontline staff',
        outcomeIds: [createOutcome.id],
      },
    },
    token,
  );
  const { createIndicator } = await gql(
    WebCreateIndicatorDocument,
    {
      input: {
        outcomeId: createOutcome.id,
        name: 'Referrals to IDVA',
        unit: 'count',
        baseline: 10,
        target: 20,
      },
    },
    token,
  );
  await gql(
    WebRecordMeasurementDocument,
    { input: { indicatorId: createIndicator.id, period: '2025-06-30', value: 15 } },
    token,
  );
  return {
    strategyId: createStrategy.id,
    objectiveId: createObjective.id,
    objectiveCode,
    outputId: createOutput.id,
    outcomeId: createOutcome.id,
    indicatorId: createIndicator.id,
  };
}

export async function seedGroup(chairId: string, memberIds: string[] = []): Promise<string> {
  const { createOperationalGroup } = await gql(
    WebCreateGroupDocument,
    { input: { name: unique('Early help group'), chairId, memberIds } },
    await admin(),
  );
  return createOperationalGroup.id;
}

export async function seedAction(
  plan: Plan,
  groupId: string,
  title: string,
): Promise<{ id: string; ref: string }> {
  const { createAction } = await gql(
    WebCreateActionDocument,
    {
      input: {
        objectiveId: plan.objectiveId,
        outputId: plan.outputId,
        groupId,
        ref: unique('A'),
        title,
        lead: 'Community safety team',
        agreedOn: '2025-04-01',
        dueOn: '2027-03-31',
        tags: ['ecological-level:community'],
      },
    },
    await admin(),
  );
  return createAction;
}

/** A progress update posted through the API, as the update form sends it; by the administrator unless `token`. */
export async function postUpdate(
  input: WebAddActionUpdateMutationVariables['input'],
  token?: string,
): Promise<{ id: string; reportedOn: string }> {
  const { addActionUpdate } = await gql(WebAddActionUpdateDocument, { input }, token ?? (await admin()));
  return addActionUpdate;
}
