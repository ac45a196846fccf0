/**
 * The board pack's document building blocks for other reports (the survivor-voice digest): a list of
 * blocks drawn as a tagged PDF (DejaVu fonts, structure tree) or a Word document with real headings.
 */
export type { Block, Cell, Column, PackDocument } from './board-pack.content';
export { longDate } from './board-pack.content';
export { sendPackFile } from './board-pack.download';
