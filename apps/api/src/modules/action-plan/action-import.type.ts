import { Field, ID, Int, ObjectType } from 'type-graphql';
import { DateScalar } from '../../graphql/scalars';
import { ActionStatus, Rag } from '../actions/action.enums';

@ObjectType('ActionImportColumn', {
  description: 'Which heading of the uploaded file fed which field.',
  simpleResolvers: true,
})
export class ActionImportColumnType {
  @Field(() => String, {
    description: 'ref, title, description, lead, objective, group, dueOn, status, rag, ...',
  })
  field: string;

  @Field(() => String, { description: 'The heading as the file spells it.' })
  heading: string;
}

@ObjectType('ActionImportNote', {
  description: 'Something the import does to the data (a default, an escape undone): never a silent change.',
  simpleResolvers: true,
})
export class ActionImportNoteType {
  @Field(() => String)
  message: string;

  @Field(() => [Int], { description: 'The spreadsheet rows it concerns; empty for the whole file.' })
  rows: number[];
}

@ObjectType('ActionImportRow', {
  description: 'One checked row: the action it will create and its initial update.',
  simpleResolvers: true,
})
export class ActionImportRowType {
  @Field(() => Int, { description: 'The row number in the spreadsheet.' })
  row: number;

  @Field(() => String)
  ref: string;

  @Field(() => String)
  title: string;

  @Field(() => String)
  description: string;

  @Field(() => String)
  successMeasure: string;

  @Field(() => String)
  lead: string;

  @Field(() => String)
  objectiveCode: string;

  @Field(() => String, { nullable: true })
  outputTitle: string | null;

  @Field(() => String)
  groupName: string;

  @Field(() => DateScalar, { nullable: true, description: 'Null: today, when imported.' })
  agreedOn: string | null;

  @Field(() => DateScalar, { nullable: true })
  startsOn: string | null;

  @Field(() => DateScalar, { nullable: true })
  dueOn: string | null;

  @Field(() => [String])
  tags: string[];

  @Field(() => ActionStatus, { nullable: true, description: "The initial update's status; null: no update." })
  status: ActionStatus | null;

  @Field(() => Rag, { nullable: true })
  rag: Rag | null;

  @Field(() => String, { nullable: true })
  progress: string | null;

  @Field(() => String, { nullable: true })
  impact: string | null;

  @Field(() => DateScalar, { nullable: true })
  reportedOn: string | null;
}

@ObjectType('ActionImport', {
  description:
    'An uploaded action plan, checked and waiting for confirmation (POST /api/strategies/:id/action-imports makes one).',
})
export class ActionImportType {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  strategyId: string;

  @Field(() => String)
  fileName: string;

  @Field(() => String, { description: 'XLSX or CSV.' })
  format: string;

  @Field(() => String, { nullable: true, description: 'The worksheet read (XLSX).' })
  sheetName: string | null;

  @Field(() => [ActionImportColumnType])
  columns: ActionImportColumnType[];

  @Field(() => [String], { description: 'Headings of the file that no field uses.' })
  ignoredHeadings: string[];

  @Field(() => [ActionImportNoteType])
  notes: ActionImportNoteType[];

  @Field(() => Int, { description: 'How many actions confirming creates.' })
  rowCount: number;

  @Field(() => Date)
  createdAt: Date;

  @Field(() => Date, { nullable: true, description: 'When the actions were created; null until confirmed.' })
  confirmedAt: Date | null;
}
