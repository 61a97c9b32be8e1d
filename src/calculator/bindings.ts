/**
 * Which literal a name is bound to at a point in a Python file, when that is certain from the
 * text of the same scope. Anything doubtful (a conditional reassignment, an in-place update, a
 * loop variable, a different function) answers undefined: an inline value must never be wrong.
 */

import type { LogicalLine } from './logicalLines';

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

/** A logical line keeps the newlines inside its brackets: `.` (flag `s`) must cross them. */
function writesOf(name: string): Writes {
  const n = escape(name);
  return {
    simple: new RegExp(`^\\s*${n}\\s*(?::[^=]*)?=(?!=)`, 's'),
    other: [
      new RegExp(`^\\s*(?:async\\s+)?for\\b[^:]*\\b${n}\\b[^:]*\\bin\\b`, 's'),
      new RegExp(`\\bas\\s+${n}\\b`, 's'),
      new RegExp(`\\b${n}\\s*(?:\\[[^\\]]*\\])?\\s*(?:\\*\\*|//|<<|>>|[-+*/%@&|^])?=(?!=)`, 's'),
      new RegExp(`\\b${n}\\s*:=`, 's'),
      new RegExp(`\\b${n}\\.\\w+_\\s*\\(`, 's'),
      new RegExp(`^\\s*(?:[\\w.\\[\\]]+\\s*,\\s*)*${n}\\s*,`, 's'),
      new RegExp(`^\\s*(?:global|nonlocal|del|import|from)\\b.*\\b${n}\\b`, 's'),
      new RegExp(`^\\s*(?:async\\s+)?(?:def|class)\\s+${n}\\b`, 's'),
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
  // The line holding `offset`, else the first after it (lines are sorted and disjoint).
  let lo = 0;
  for (let hi = lines.length; lo < hi; ) {
    const mid = (lo + hi) >> 1;
    if (lines[mid].end < offset) lo = mid + 1;
    else hi = mid;
  }
  const at = lo;
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
