import { Field, ID, InputType } from 'type-graphql';

@InputType('ImportActionsInput')
export class ImportActionsInput {
  @Field(() => ID, { description: 'The id of a checked upload (ActionImport).' })
  importId: string;
}
