import { child, namedChildren, textOf, unparen, walk, type SNode } from '../syntax';

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
      if (!mod || mod.type !== 'dotted_name') return false;
      const from = textOf(mod);
      for (const c of n.children) {
        if (c === mod) continue;
        if (c.field === 'name' && c.type === 'dotted_name') map.set(textOf(c), canonical(`${from}.${textOf(c)}`));
        else if (c.type === 'aliased_import') {
          const name = child(c, 'name');
          const alias = child(c, 'alias');
          if (name && alias) map.set(textOf(alias), canonical(`${from}.${textOf(name)}`));
        }
      }
      return false;
    }
    return n.type !== 'string' && n.type !== 'comment';
  });
  return map;
}

/** `nn.functional.softmax` → `torch.nn.functional.softmax` when its head is imported; else undefined. */
export function qualify(expr: SNode, imports: ImportMap): string | undefined {
  const n = unparen(expr);
  if (n.type === 'identifier') return imports.get(textOf(n));
  if (n.type === 'attribute') {
    const obj = child(n, 'object');
    const attr = child(n, 'attribute');
    if (!obj || !attr) return undefined;
    const head = qualify(obj, imports);
    return head === undefined ? undefined : canonical(`${head}.${textOf(attr)}`);
  }
  return undefined;
}
