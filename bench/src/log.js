/** The bench's progress lines on stdout. */
export const log = (msg) => process.stdout.write(`[bench] ${msg}\n`);
