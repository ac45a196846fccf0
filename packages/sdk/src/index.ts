// The typed operations the web app and the tests send: one TypedDocumentNode per operation in
// src/operations, generated from apps/api/schema.graphql by `npm run codegen`.
export * from './generated/graphql';
// The spreadsheet routes beside GraphQL (paths and JSON shapes).
export * from './rest/action-plan';
export * from './rest/return-sheet';
