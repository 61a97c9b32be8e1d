/**
 * Notebooks are analysed as one document made of their code cells in order, so an import in the first
 * cell reaches a loss in the fifth. IPython magics (`%matplotlib`, `!pip`) become comments of the same
 * length, so offsets map back unchanged.
 */
export interface JoinedCells {
  readonly text: string;
  /** Offset of each cell's first character in `text`. */
  readonly starts: readonly number[];
}

function maskMagics(source: string): string {
  return source.replace(/^([ \t]*)[%!]/gm, '$1#');
}

export function joinCells(sources: readonly string[]): JoinedCells {
  const starts: number[] = [];
  let text = '';
  for (const s of sources) {
    starts.push(text.length);
    text += maskMagics(s) + '\n';
  }
  return { text, starts };
}

/**
 * The cell holding `offset` and the offset inside it: the last cell starting at or before it. A
 * binary search, so mapping every finding of a 2,000-cell notebook stays cheap.
 */
export function cellAt(joined: JoinedCells, offset: number): { cell: number; offset: number } {
  const starts = joined.starts;
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (starts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  const cell = Math.max(0, lo);
  return { cell, offset: offset - (starts[cell] ?? 0) };
}

/** `items` grouped by the cell their offset falls in, in their given order: one list per cell. */
export function byCell<T>(joined: JoinedCells, items: readonly T[], offsetOf: (item: T) => number): T[][] {
  const groups: T[][] = joined.starts.map(() => []);
  if (groups.length === 0) return groups;
  for (const item of items) groups[cellAt(joined, offsetOf(item)).cell].push(item);
  return groups;
}

export interface NotebookCode {
  /** Index of each code cell among all cells. */
  readonly cellIndexes: number[];
  readonly sources: string[];
}

/** Code cells of an `.ipynb` document; throws with a clear message when the JSON isn't a notebook. */
export function notebookCode(json: unknown): NotebookCode {
  const cells = (json as { cells?: unknown } | null)?.cells;
  if (!Array.isArray(cells)) throw new Error('not a Jupyter notebook: expected a JSON object with a "cells" array');
  const cellIndexes: number[] = [];
  const sources: string[] = [];
  cells.forEach((c, i) => {
    const cell = c as { cell_type?: unknown; source?: unknown };
    if (cell?.cell_type !== 'code') return;
    const src = Array.isArray(cell.source) ? cell.source.join('') : typeof cell.source === 'string' ? cell.source : '';
    cellIndexes.push(i);
    sources.push(src);
  });
  return { cellIndexes, sources };
}
