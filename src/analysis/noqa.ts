/** `# noqa` (everything) or `# noqa: LL101, LL203` (those codes), by 0-based line. */
export type NoqaMap = ReadonlyMap<number, ReadonlySet<string> | 'all'>;

const NOQA = /#\s*noqa\b(?::\s*([A-Za-z]+[0-9]+(?:\s*[,\s]\s*[A-Za-z]+[0-9]+)*))?/i;

export function scanNoqa(text: string): NoqaMap {
  const map = new Map<number, ReadonlySet<string> | 'all'>();
  if (!/noqa/i.test(text)) return map;
  const lines = text.split('\n');
  lines.forEach((line, i) => {
    if (!line.includes('#')) return;
    const m = NOQA.exec(line);
    if (!m) return;
    map.set(i, m[1] ? new Set(m[1].split(/[\s,]+/).map((c) => c.toUpperCase())) : 'all');
  });
  return map;
}

export function suppressed(noqa: NoqaMap, line: number, code: string): boolean {
  const entry = noqa.get(line);
  return entry === 'all' || (entry !== undefined && entry.has(code));
}

/** The edit that adds `code` to the line's noqa comment (or appends one). */
export function noqaEdit(text: string, line: number, code: string): { start: number; end: number; newText: string } {
  let start = 0;
  for (let i = 0; i < line; i++) {
    const nl = text.indexOf('\n', start);
    if (nl === -1) break;
    start = nl + 1;
  }
  let end = text.indexOf('\n', start);
  if (end === -1) end = text.length;
  if (end > start && text[end - 1] === '\r') end--;
  const content = text.slice(start, end);
  const m = /#\s*noqa:\s*([A-Za-z]+[0-9]+(?:\s*,\s*[A-Za-z]+[0-9]+)*)/i.exec(content);
  if (m) {
    const at = start + m.index + m[0].length;
    return { start: at, end: at, newText: `, ${code}` };
  }
  return { start: end, end, newText: `  # noqa: ${code}` };
}
