import type { DataSource, EntityManager } from 'typeorm';

// What every action write shares: the text limits, how a write joins a larger one, its transaction.

/**
 * How a write joins a larger one: `manager` runs it inside the caller's transaction (an import commits
 * all its rows or none); `imported` marks an update loaded from a file, which has no author (the audit
 * entry still names who imported it).
 */
export interface ActionWriteOptions {
  manager?: EntityManager;
  imported?: boolean;
  /** The audit entry's operation when another mutation writes through this one (e.g. reportNoChange). */
  operation?: string;
}

/** The longest text each field takes (imports check rows against the same limits). */
export const ACTION_TEXT_LIMITS = {
  ref: 40,
  title: 300,
  description: 5000,
  successMeasure: 2000,
  lead: 200,
  progress: 5000,
  impact: 5000,
};

/** The caller's transaction when given, else a new one. */
export function inTransaction<T>(
  db: DataSource,
  opts: ActionWriteOptions,
  work: (tx: EntityManager) => Promise<T>,
): Promise<T> {
  return opts.manager ? work(opts.manager) : db.transaction(work);
}
