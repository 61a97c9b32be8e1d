// The ESM build: esbuild bundles it statically (the UMD main requires its parts at run time, which a bundle cannot resolve).
import { findNodeAtLocation, getNodeValue, parseTree, type Node } from 'jsonc-parser/lib/esm/main.js';

/**
 * Rewrites the `source` of some cells of a notebook's JSON text and leaves every other byte as it
 * was: numbers in outputs and metadata keep their spelling (`1.0`, `1e-05`, integers past 2^53),
 * line endings and indentation stay. Each `source` keeps its form (a list of lines or one string);
 * lines of a list whose text did not change keep their original spelling too.
 * `sources` maps a cell's index among all cells to its text before and after. Throws when a cell's
 * `source` is not found, or does not hold the text `before` (JSON.parse and this reading disagree).
 */
export function patchCellSources(json: string, sources: ReadonlyMap<number, { readonly before: string; readonly after: string }>): string {
  const root = parseTree(json, [], { disallowComments: true, allowTrailingComma: false });
  if (!root) throw new Error('cannot locate cell sources in the notebook JSON');
  const eol = json.includes('\r\n') ? '\r\n' : '\n';
  const edits: { offset: number; length: number; text: string }[] = [];
  for (const [cell, { before, after: text }] of sources) {
    const node = findNodeAtLocation(root, ['cells', cell, 'source']);
    const value: unknown = node && getNodeValue(node);
    const found = Array.isArray(value) ? value.join('') : value;
    if (!node || found !== before) throw new Error(`cannot locate the source of cell ${cell + 1} in the notebook JSON`);
    edits.push({ offset: node.offset, length: node.length, text: node.type === 'string' ? JSON.stringify(text) : lineList(json, node, text, eol) });
  }
  edits.sort((a, b) => b.offset - a.offset);
  let out = json;
  for (const e of edits) out = out.slice(0, e.offset) + e.text + out.slice(e.offset + e.length);
  return out;
}

/** `text` as a JSON list of lines, laid out like the list it replaces. */
function lineList(json: string, list: Node, text: string, eol: string): string {
  const lines = text === '' ? [] : text.split(/(?<=\n)/);
  if (lines.length === 0) return '[]';
  const items = list.children ?? [];
  const spell = (line: string, i: number): string => {
    const old = items[i];
    return old && getNodeValue(old) === line ? json.slice(old.offset, old.offset + old.length) : JSON.stringify(line);
  };
  const first = items[0];
  const opening = first ? json.slice(list.offset + 1, first.offset) : '';
  if (!first || !/[\r\n]/.test(opening)) return `[${lines.map(spell).join(', ')}]`;
  // nbformat's layout (`indent=1`): one line per item, the closing bracket on its own line.
  const itemIndent = opening.slice(opening.lastIndexOf('\n') + 1);
  const end = list.offset + list.length - 1;
  const closing = json.slice(json.lastIndexOf('\n', end) + 1, end);
  const closeIndent = /^[ \t]*$/.test(closing) ? closing : '';
  return `[${eol}${lines.map((l, i) => itemIndent + spell(l, i)).join(`,${eol}`)}${eol}${closeIndent}]`;
}
