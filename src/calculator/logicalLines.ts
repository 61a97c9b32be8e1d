/**
 * Python source split into logical lines (brackets, strings and backslashes join physical lines), the
 * unit `bindingBefore` reads. The splitter runs in the extension host on every edit, so it appends
 * slices rather than characters, and after an edit it rescans only from the line the edit touches to
 * the first line start that lines up with the old text again.
 */

export interface LogicalLine {
  /** Offset of the first character of the statement (after indentation). */
  readonly start: number;
  /** Offset of the newline that ends the statement (or the text's length). */
  readonly end: number;
  readonly indent: number;
  /** The statement text with comments removed (strings and newlines inside brackets kept). */
  readonly text: string;
  /** `text` with string contents blanked (same length), so a string never looks like an assignment. */
  readonly code: string;
}

/** A text and its logical lines, what `updateLogicalLines` starts from. */
export interface LinesOfText {
  readonly text: string;
  readonly lines: readonly LogicalLine[];
}

const NEWLINE = 10;
const SPACE = 32;
const TAB = 9;
const HASH = 35;
const BACKSLASH = 92;
const QUOTE = 34;
const APOSTROPHE = 39;
const OPEN_PAREN = 40;
const OPEN_BRACKET = 91;
const OPEN_BRACE = 123;
const CLOSE_PAREN = 41;
const CLOSE_BRACKET = 93;
const CLOSE_BRACE = 125;

/** Reads the logical line whose physical line starts at `lineStart`; `next` is where the following one starts. */
function readLine(src: string, lineStart: number): { line?: LogicalLine; next: number } {
  const n = src.length;
  let i = lineStart;
  let indent = 0;
  for (let c = src.charCodeAt(i); i < n && (c === SPACE || c === TAB); c = src.charCodeAt(++i)) indent += c === TAB ? 8 - (indent % 8) : 1;
  const start = i;
  let depth = 0;
  const text: string[] = [];
  const code: string[] = [];
  // [verbatim, i) is copied as it is, newlines inside brackets included (rewriting a 10 MB literal's
  // newlines would cost more than the scan), so patterns over `code` match newlines as spaces.
  let verbatim = i;
  const flush = (to: number) => {
    if (to <= verbatim) return;
    const s = src.slice(verbatim, to);
    text.push(s);
    code.push(s);
  };
  while (i < n) {
    const c = src.charCodeAt(i);
    if (c === HASH) {
      flush(i);
      const eol = src.indexOf('\n', i);
      i = verbatim = eol < 0 ? n : eol;
      continue;
    }
    if (c === QUOTE || c === APOSTROPHE) {
      flush(i);
      const q = src.startsWith(String.fromCharCode(c, c, c), i) ? String.fromCharCode(c, c, c) : String.fromCharCode(c);
      const triple = q.length === 3;
      let j = i + q.length;
      while (j < n && !src.startsWith(q, j)) {
        const d = src.charCodeAt(j);
        if (d === BACKSLASH) j++;
        else if (!triple && d === NEWLINE) break;
        j++;
      }
      j = Math.min(n, j + q.length);
      text.push(src.slice(i, j));
      code.push(q + '_'.repeat(Math.max(0, j - i - 2 * q.length)) + (j - i >= 2 * q.length ? q : ''));
      i = verbatim = j;
      continue;
    }
    if (c === BACKSLASH && src.charCodeAt(i + 1) === NEWLINE) {
      flush(i);
      text.push(' ');
      code.push(' ');
      i = verbatim = i + 2;
      continue;
    }
    if (c === OPEN_PAREN || c === OPEN_BRACKET || c === OPEN_BRACE) depth++;
    else if ((c === CLOSE_PAREN || c === CLOSE_BRACKET || c === CLOSE_BRACE) && depth > 0) depth--;
    else if (c === NEWLINE && depth === 0) break;
    i++;
  }
  flush(i);
  const joined = text.join('');
  const line = !/\S/.test(joined) ? undefined : { start, end: i, indent, text: joined, code: code.join('').padEnd(joined.length, '_').slice(0, joined.length) };
  return { line, next: i === lineStart || src.charCodeAt(i) === NEWLINE ? i + 1 : i };
}

/** Splits Python source into logical lines. */
export function logicalLines(src: string): LogicalLine[] {
  const out: LogicalLine[] = [];
  for (let i = 0; i < src.length; ) {
    const { line, next } = readLine(src, i);
    if (line) out.push(line);
    i = next;
  }
  return out;
}

/** Length of the common prefix, compared a block at a time (string equality is a memory compare). */
function commonPrefix(a: string, b: string): number {
  const max = Math.min(a.length, b.length);
  let i = 0;
  for (let step = 1 << 16; step >= 1; step >>= 1) while (i + step <= max && a.slice(i, i + step) === b.slice(i, i + step)) i += step;
  return i;
}

function commonSuffix(a: string, b: string, max: number): number {
  let k = 0;
  for (let step = 1 << 16; step >= 1; step >>= 1) while (k + step <= max && a.slice(a.length - k - step, a.length - k) === b.slice(b.length - k - step, b.length - k)) k += step;
  return k;
}

/**
 * The logical lines of `text`, reusing those of `previous` that an edit did not touch: lines ending
 * before the first changed character stay, and once the rescan reaches a line start that was one
 * in the old text after the last changed character, the old lines from there on are shifted.
 */
export function updateLogicalLines(previous: LinesOfText, text: string): LogicalLine[] {
  const old = previous.text;
  if (old === text) return [...previous.lines];
  const start = commonPrefix(old, text);
  const tail = commonSuffix(old, text, Math.min(old.length, text.length) - start);
  const oldEnd = old.length - tail;
  const newEnd = text.length - tail;
  const delta = newEnd - oldEnd;
  const lines = previous.lines;
  // The last line that ends (its newline included) before the edit.
  let lo = -1;
  for (let hi = lines.length - 1; lo < hi; ) {
    const mid = (lo + hi + 1) >> 1;
    if (lines[mid].end < start) lo = mid;
    else hi = mid - 1;
  }
  const out = lines.slice(0, lo + 1);
  // Where the old scan began a line after old line `m` (-1: the start of the text).
  const oldLineStart = (m: number) => (m < 0 ? 0 : lines[m].end + 1);
  let m = lo;
  let i = oldLineStart(lo);
  while (i < text.length) {
    if (i >= newEnd) {
      // From here on the new text equals the old text from `i - delta`: if the old scan began a line
      // there too, it read everything after the same way.
      const target = i - delta;
      while (m < lines.length - 1 && oldLineStart(m) < target) m++;
      if (oldLineStart(m) === target) {
        for (let r = m + 1; r < lines.length; r++) out.push({ ...lines[r], start: lines[r].start + delta, end: lines[r].end + delta });
        return out;
      }
    }
    const { line, next } = readLine(text, i);
    if (line) out.push(line);
    i = next;
  }
  return out;
}
