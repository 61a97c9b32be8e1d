/**
 * Code the loss picker inserts: lines with `{{name}}` placeholders, written out either as plain
 * Python or as a VS Code snippet with tab stops, plus the imports the lines need.
 */

/** Names a snippet may use, each bound by one import line. */
export type ImportName = 'torch' | 'nn' | 'F';

export interface Snippet {
  readonly lines: readonly string[];
  readonly imports: readonly ImportName[];
}

const IMPORT_LINES: Record<ImportName, string> = {
  torch: 'import torch',
  nn: 'import torch.nn as nn',
  F: 'import torch.nn.functional as F',
};

/** Import statements that bind each name the way the snippet uses it. */
const BINDS: Record<ImportName, RegExp> = {
  torch: /^[ \t]*import[ \t]+(?:[\w.]+(?:[ \t]+as[ \t]+\w+)?[ \t]*,[ \t]*)*torch(?:[ \t]*(?:,|$|#))/m,
  nn: /^[ \t]*(?:import[ \t]+torch\.nn[ \t]+as[ \t]+nn\b|from[ \t]+torch[ \t]+import[ \t]+(?:\(?[\w \t,]*\b)?nn\b(?![ \t]+as\b))/m,
  F: /^[ \t]*(?:import[ \t]+torch\.nn\.functional[ \t]+as[ \t]+F\b|from[ \t]+torch\.nn[ \t]+import[ \t]+(?:\(?[\w \t,]*\b)?functional[ \t]+as[ \t]+F\b)/m,
};

const PLACEHOLDER = /\{\{(\w+)\}\}/g;

/** The snippet as Python, placeholders replaced by their names. */
export function snippetPlain(s: Snippet): string {
  return s.lines.map((l) => l.replace(PLACEHOLDER, '$1')).join('\n') + '\n';
}

/** The snippet as a VS Code snippet: each distinct placeholder is one tab stop, numbered in order. */
export function snippetTabstops(s: Snippet): string {
  const stops = new Map<string, number>();
  const escape = (t: string) => t.replace(/[$}\\]/g, (c) => `\\${c}`);
  return (
    s.lines
      .map((line) => {
        let out = '';
        let last = 0;
        for (const m of line.matchAll(PLACEHOLDER)) {
          out += escape(line.slice(last, m.index));
          const name = m[1];
          if (!stops.has(name)) stops.set(name, stops.size + 1);
          out += `\${${stops.get(name)}:${name}}`;
          last = m.index! + m[0].length;
        }
        return out + escape(line.slice(last));
      })
      .join('\n') + '\n'
  );
}

/** Import lines the snippet needs that `text` doesn't already have. */
export function missingImports(text: string, needs: readonly ImportName[]): string[] {
  const order: ImportName[] = ['torch', 'nn', 'F'];
  return order.filter((n) => needs.includes(n) && !BINDS[n].test(text)).map((n) => IMPORT_LINES[n]);
}

/**
 * Where new imports go: after the leading block of imports (and any module docstring or comments
 * before it), so they join the existing ones; offset 0 in a file without imports.
 */
export function importOffset(text: string): number {
  const lines = text.split('\n');
  let offset = 0;
  let pos = 0;
  let inDocstring: string | undefined;
  for (const line of lines) {
    const next = pos + line.length + 1;
    const t = line.trim();
    if (inDocstring) {
      if (t.includes(inDocstring)) inDocstring = undefined;
    } else if (/^[rRuU]?("""|''')/.test(t)) {
      const q = t.match(/("""|''')/)![1];
      if (t.indexOf(q, t.indexOf(q) + 3) < 0) inDocstring = q;
    } else if (/^(import|from)\s/.test(t)) {
      offset = Math.min(next, text.length);
    } else if (t !== '' && !t.startsWith('#')) {
      break;
    }
    pos = next;
  }
  return offset;
}

/** The insertion adding the missing imports, or undefined when nothing is missing. */
export function importEdit(text: string, needs: readonly ImportName[]): { offset: number; text: string } | undefined {
  const lines = missingImports(text, needs);
  if (lines.length === 0) return undefined;
  const offset = importOffset(text);
  const lead = offset > 0 && text[offset - 1] !== '\n' ? '\n' : '';
  // A blank line separates the imports from code that directly follows them at the top of the file.
  const trail = offset === 0 && text.length > 0 && !/^\s*(import|from)\s/.test(text) ? '\n' : '';
  return { offset, text: lead + lines.join('\n') + '\n' + trail };
}
