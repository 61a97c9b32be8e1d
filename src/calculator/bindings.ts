/**
 * Which literal a name is bound to at a point in a Python file, when that is certain from the
 * text of the same scope. Anything doubtful (a conditional reassignment, an in-place update, a
 * loop variable, a different function) answers undefined: an inline value must never be wrong.
 */

export interface LogicalLine {
  /** Offset of the first character of the statement (after indentation). */
  readonly start: number;
  readonly end: number;
  readonly indent: number;
  /** The statement text with comments removed (strings kept). */
  readonly text: string;
  /** `text` with string contents blanked (same length), so a string never looks like an assignment. */
  readonly code: string;
}

/** Splits Python source into logical lines: brackets, strings and backslashes join physical lines. */
export function logicalLines(src: string): LogicalLine[] {
  const out: LogicalLine[] = [];
  let i = 0;
  const n = src.length;
  while (i < n) {
    const lineStart = i;
    let indent = 0;
    while (i < n && (src[i] === ' ' || src[i] === '\t')) {
      indent += src[i] === '\t' ? 8 - (indent % 8) : 1;
      i++;
    }
    const start = i;
    let depth = 0;
    let text = '';
    let code = '';
    while (i < n) {
      const c = src[i];
      if (c === '#') {
        while (i < n && src[i] !== '\n') i++;
        continue;
      }
      if (c === '"' || c === "'") {
        const triple = src.startsWith(c.repeat(3), i);
        const q = triple ? c.repeat(3) : c;
        let j = i + q.length;
        while (j < n && !src.startsWith(q, j)) {
          if (src[j] === '\\') j++;
          else if (!triple && src[j] === '\n') break;
          j++;
        }
        j = Math.min(n, j + q.length);
        text += src.slice(i, j);
        code += q + '_'.repeat(Math.max(0, j - i - 2 * q.length)) + (j - i >= 2 * q.length ? q : '');
        i = j;
        continue;
      }
      if (c === '\\' && src[i + 1] === '\n') {
        text += ' ';
        code += ' ';
        i += 2;
        continue;
      }
      if (c === '(' || c === '[' || c === '{') depth++;
      else if ((c === ')' || c === ']' || c === '}') && depth > 0) depth--;
      if (c === '\n' && depth === 0) break;
      text += c === '\n' ? ' ' : c;
      code += c === '\n' ? ' ' : c;
      i++;
    }
    if (text.trim() !== '') out.push({ start, end: i, indent, text, code: code.padEnd(text.length, '_').slice(0, text.length) });
    if (i === lineStart) i++;
    else if (src[i] === '\n') i++;
  }
  return out;
}

function escape(name: string): string {
  return name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

const SCOPE_HEADER = /^(?:async\s+)?(?:def|class)\b/;

/** The patterns that recognise writes to one name, compiled once per lookup. */
interface Writes {
  /** `name = RHS`, optionally annotated. */
  readonly simple: RegExp;
  /** Any other way a line can change what `name` holds. */
  readonly other: readonly RegExp[];
}

function writesOf(name: string): Writes {
  const n = escape(name);
  return {
    simple: new RegExp(`^\\s*${n}\\s*(?::[^=]*)?=(?!=)`),
    other: [
      new RegExp(`^\\s*(?:async\\s+)?for\\b[^:]*\\b${n}\\b[^:]*\\bin\\b`),
      new RegExp(`\\bas\\s+${n}\\b`),
      new RegExp(`\\b${n}\\s*(?:\\[[^\\]]*\\])?\\s*(?:\\*\\*|//|<<|>>|[-+*/%@&|^])?=(?!=)`),
      new RegExp(`\\b${n}\\s*:=`),
      new RegExp(`\\b${n}\\.\\w+_\\s*\\(`),
      new RegExp(`^\\s*(?:[\\w.\\[\\]]+\\s*,\\s*)*${n}\\s*,`),
      new RegExp(`^\\s*(?:global|nonlocal|del|import|from)\\b.*\\b${n}\\b`),
      new RegExp(`^\\s*(?:async\\s+)?(?:def|class)\\s+${n}\\b`),
    ],
  };
}

/**
 * The source text `name` is bound to just before `offset`, if a plain `name = ...` in the same
 * scope dominates that point. The caller decides whether the text is a literal.
 */
export function bindingBefore(lines: readonly LogicalLine[], name: string, offset: number): string | undefined {
  if (!/^[A-Za-z_]\w*$/.test(name)) return undefined;
  const writes = writesOf(name);
  let at = lines.findIndex((l) => l.start <= offset && offset <= l.end);
  if (at < 0) at = lines.findIndex((l) => l.start > offset);
  if (at < 0) at = lines.length;
  let minIndent = at < lines.length ? lines[at].indent : 0;
  for (let i = at - 1; i >= 0; i--) {
    const l = lines[i];
    if (l.indent < minIndent) {
      // Leaving the enclosing block: a function or class header ends the scope.
      if (SCOPE_HEADER.test(l.code.trimStart())) return undefined;
      minIndent = l.indent;
    }
    // Most lines never mention the name: skip them before any regex runs.
    if (!l.code.includes(name)) continue;
    const m = writes.simple.exec(l.code);
    const rhs = m ? l.text.slice(m[0].length) : undefined;
    if (rhs === undefined && !writes.other.some((r) => r.test(l.code))) continue;
    // A write inside a block that has ended (an if/for body) may or may not have run.
    if (l.indent > minIndent || rhs === undefined) return undefined;
    return rhs.trim();
  }
  return undefined;
}
