/** Editor-neutral findings: plain data with document offsets (UTF-16 units), ready for JSON. */

export type Severity = 'error' | 'warning' | 'info';

export interface TextEdit {
  readonly start: number;
  readonly end: number;
  readonly newText: string;
}

export interface Fix {
  readonly title: string;
  readonly edits: readonly TextEdit[];
  /** At most one fix per diagnostic is preferred (applied by `--fix` and the editor's auto-fix). */
  readonly preferred: boolean;
}

export interface Diagnostic {
  readonly code: string;
  readonly slug: string;
  readonly severity: Severity;
  readonly start: number;
  readonly end: number;
  readonly message: string;
  readonly fixes: readonly Fix[];
  /**
   * Where another file decided the finding (the `nn.Softmax` ending a model in `models/net.py`): the fix
   * belongs there, so editors link to it. Offsets are in that file's text; `line` is 1-based, `column` 0-based.
   */
  readonly related?: { readonly path: string; readonly start: number; readonly end: number; readonly line: number; readonly column: number };
}

/**
 * Applies edits to `text`, skipping any that overlap an earlier-kept one (identical edits count once),
 * so several fixes can be applied in one pass.
 */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  const kept: TextEdit[] = [];
  for (const e of sorted) {
    const last = kept[kept.length - 1];
    if (last && last.start === e.start && last.end === e.end && last.newText === e.newText) continue;
    if (last && (e.start < last.end || (e.start === last.start && e.start === e.end && last.start === last.end))) continue;
    kept.push(e);
  }
  let out = '';
  let pos = 0;
  for (const e of kept) {
    out += text.slice(pos, e.start) + e.newText;
    pos = e.end;
  }
  return out + text.slice(pos);
}
