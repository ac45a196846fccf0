// The UK "today" and the calendar-date helpers moved to src/shared/dates.ts, since every module uses
// them; new code imports them from there. This re-export keeps today's imports working unchanged.
export * from '../../shared/dates';
