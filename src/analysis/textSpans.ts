import type { Point } from 'web-tree-sitter';
import type { TextChange } from './parse';

/** Where a change sits: `[start, oldEnd)` in the old text became `[start, newEnd)` in the new one. */
export interface Span {
  readonly start: number;
  readonly oldEnd: number;
  readonly newEnd: number;
}

export function spanOf(text: string, ch: TextChange): Span {
  const start = clamp(ch.start, 0, text.length);
  const end = clamp(ch.end, start, text.length);
  return { start, oldEnd: end, newEnd: start + ch.text.length };
}

/** The differing middle of two texts (for several changes at once, or a text replaced whole). */
export function diffSpan(a: string, b: string): Span {
  let start = 0;
  const max = Math.min(a.length, b.length);
  while (start < max && a.charCodeAt(start) === b.charCodeAt(start)) start++;
  let tail = 0;
  while (tail < max - start && a.charCodeAt(a.length - 1 - tail) === b.charCodeAt(b.length - 1 - tail)) tail++;
  return { start, oldEnd: a.length - tail, newEnd: b.length - tail };
}

export function clamp(x: number, lo: number, hi: number): number {
  return Math.min(Math.max(Number.isFinite(x) ? x : lo, lo), hi);
}

/** Row/column (UTF-16 units, as web-tree-sitter counts them) of an offset. */
export function pointAt(text: string, offset: number): Point {
  let row = 0;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    row++;
    lineStart = i + 1;
  }
  return { row, column: offset - lineStart };
}

/** The point of `to`, given the point of `from` (≤ `to`) in the same text: scans only between them. */
export function advance(p: Point, text: string, from: number, to: number): Point {
  let { row, column } = p;
  let lineStart = from - column;
  for (let i = text.indexOf('\n', from); i !== -1 && i < to; i = text.indexOf('\n', i + 1)) {
    row++;
    lineStart = i + 1;
  }
  return { row, column: to - lineStart };
}
