// govuk-frontend ships no TypeScript declarations for its package entry; we use only initAll.
declare module 'govuk-frontend' {
  export function initAll(config?: { scope?: Element | Document }): void;
}
