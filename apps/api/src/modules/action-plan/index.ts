// The action-plan module's public surface for other modules, beyond its services, entities, types and enums.
export { RAG_WORDS, STATUS_WORDS, headingKey, parseRag, parseStatus } from './action-plan.columns';
export { XLSX_CONTENT_TYPE } from './action-plan.export';
export type { PlanFile } from './action-plan.export';
export { escapeFormula, unescapeFormula } from './formula-escape';
export { readSheet } from './sheet-reader';
export type { SheetCell } from './sheet-reader';
