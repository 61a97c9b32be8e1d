import { LOSSES } from '../../catalogue';
import { child, namedChildren, textOf, unparen, walk, type SNode } from '../syntax';
import * as N from './torchNames';

/** Local name → fully qualified dotted name, from every import in the file. */
export type ImportMap = ReadonlyMap<string, string>;

/** Module paths that re-export from a public home: `torch.nn.modules.loss.BCELoss` is `torch.nn.BCELoss`. */
const CANONICAL: [RegExp, string][] = [
  [/^torch\.nn\.modules(?:\.\w+)?\./, 'torch.nn.'],
  [/^torch\.nn\.functional\.F\./, 'torch.nn.functional.'],
];

export function canonical(name: string): string {
  for (const [re, to] of CANONICAL) if (re.test(name)) return name.replace(re, to);
  return name;
}

/** Collects `import a.b as c`, `import a.b`, `from a import b as c` from the file's import statements. */
export function collectImports(statements: readonly SNode[]): ImportMap {
  const map = new Map<string, string>();
  for (const stmt of statements) walk(stmt, (n) => {
    if (n.type === 'import_statement') {
      for (const c of namedChildren(n)) {
        if (c.type === 'dotted_name') {
          const full = textOf(c);
          const head = full.split('.')[0];
          map.set(head, head);
        } else if (c.type === 'aliased_import') {
          const name = child(c, 'name');
          const alias = child(c, 'alias');
          if (name && alias) map.set(textOf(alias), canonical(textOf(name)));
        }
      }
      return false;
    }
    if (n.type === 'import_from_statement') {
      const mod = child(n, 'module_name');
      // `from .model import Net`, `from .. import losses`: relative names keep their dots.
      const from = mod?.type === 'dotted_name' ? textOf(mod) : mod?.type === 'relative_import' ? textOf(mod).replace(/\s+/g, '') : undefined;
      if (!mod || from === undefined) return false;
      for (const c of n.children) {
        if (c === mod) continue;
        if (c.type === 'wildcard_import') map.set(`${STAR}${canonical(from)}`, canonical(from));
        if (c.field === 'name' && c.type === 'dotted_name') map.set(textOf(c), canonical(member(from, textOf(c))));
        else if (c.type === 'aliased_import') {
          const name = child(c, 'name');
          const alias = child(c, 'alias');
          if (name && alias) map.set(textOf(alias), canonical(member(from, textOf(name))));
        }
      }
      return false;
    }
    return n.type !== 'string' && n.type !== 'comment';
  });
  return map;
}

/** `from . import x` names `.x`; `from a import x` names `a.x`. */
function member(from: string, name: string): string {
  return from.endsWith('.') ? `${from}${name}` : `${from}.${name}`;
}

/** Keys of star imports (`from torch.nn import *`) in an ImportMap: `*torch.nn` → `torch.nn`. */
export const STAR = '*';

/** Names of the torch modules a star import can bring in that the analyzer knows. */
const STAR_MEMBERS = new Set<string>([
  ...LOSSES.flatMap((l) => [`torch.nn.${l.module}`, `torch.nn.functional.${l.functional.name}`]),
  ...Object.values(N).flatMap((v) => (v instanceof Set ? [...v] : [])),
]);

/** What a bare name refers to: its own import, or a known member of a star-imported module. */
export function resolveName(imports: ImportMap, name: string): string | undefined {
  const direct = imports.get(name);
  if (direct !== undefined) return direct;
  for (const [k, mod] of imports) if (k.startsWith(STAR) && STAR_MEMBERS.has(`${mod}.${name}`)) return `${mod}.${name}`;
  return undefined;
}

/** `nn.functional.softmax` → `torch.nn.functional.softmax` when its head is imported; else undefined. */
export function qualify(expr: SNode, imports: ImportMap): string | undefined {
  // `a.b.c`: walk down to the head name in a loop (attribute chains may be thousands long in hostile files).
  const attrs: string[] = [];
  let n = unparen(expr);
  while (n.type === 'attribute') {
    const obj = child(n, 'object');
    const attr = child(n, 'attribute');
    if (!obj || !attr) return undefined;
    attrs.push(textOf(attr));
    n = unparen(obj);
  }
  if (n.type !== 'identifier') return undefined;
  let q = resolveName(imports, textOf(n));
  for (let i = attrs.length - 1; i >= 0 && q !== undefined; i--) q = canonical(`${q}.${attrs[i]}`);
  return q;
}
