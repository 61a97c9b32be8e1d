import { child, namedChildren, textOf, unparen, walk, type SNode } from '../syntax';
import { callArgs } from './callArgs';
import type { Semantics } from './semantics';
import { UNKNOWN, merge, type Value } from './values';
import { stringLiteral } from './strings';

/** Attribute names assigned anywhere in a file (`args.lr = …`), per module root. */
const assignedAttributes = new WeakMap<SNode, Set<string>>();

function assigned(root: SNode): Set<string> {
  let out = assignedAttributes.get(root);
  if (!out) {
    out = new Set();
    const found = out;
    walk(root, (n) => {
      if (n.type === 'assignment' || n.type === 'augmented_assignment') {
        const left = child(n, 'left');
        if (left?.type === 'attribute') found.add(textOf(child(left, 'attribute') ?? left));
      }
      return n.type !== 'string' && n.type !== 'comment';
    });
    assignedAttributes.set(root, out);
  }
  return out;
}

/**
 * `args.num_classes` where `args = parser.parse_args()`: the `default=` of the option that sets it
 * (`parser.add_argument('--num-classes', type=int, default=1)`), when the program never assigns that
 * attribute itself. What a user may pass on the command line is not known; the default is what runs.
 */
export function argparseDefault(s: Semantics, parser: SNode, name: string): Value {
  let root = parser;
  while (root.parent) root = root.parent;
  if (assigned(root).has(name)) return UNKNOWN;
  const p = unparen(parser);
  if (p.type !== 'identifier') return UNKNOWN;
  const values: Value[] = [];
  for (const call of s.callsNamed('add_argument')) {
    const fn = child(call, 'function');
    const obj = fn?.type === 'attribute' ? child(fn, 'object') : undefined;
    if (obj?.type !== 'identifier' || textOf(obj) !== textOf(p)) continue;
    const args = callArgs(call);
    const dest = args.keywords.get('dest');
    const names = dest ? [stringLiteral(dest)] : args.positional.map((a) => stringLiteral(a));
    const sets = names.some((o) => o !== undefined && o.replace(/^-+/, '').replace(/-/g, '_') === name && (dest !== undefined || o.startsWith('--') || !o.startsWith('-')));
    if (!sets) continue;
    const d = args.keywords.get('default');
    values.push(d ? s.valueOf(d) : UNKNOWN);
  }
  return merge(values);
}

/**
 * A field of a `@dataclass` instance: what the construction passes for it by keyword, else the
 * class's default (a construction passing anything by position or splat says nothing).
 */
export function dataclassField(s: Semantics, cls: SNode, construction: SNode | undefined, name: string, defaultValue: () => Value): Value {
  const decorated = cls.parent?.type === 'decorated_definition' ? cls.parent : undefined;
  if (!decorated || !namedChildren(decorated).some((d) => d.type === 'decorator' && /\bdataclass\b/.test(textOf(d)))) return defaultValue();
  if (!construction) return UNKNOWN;
  const args = callArgs(construction);
  const passed = args.keywords.get(name);
  if (passed) return s.valueOf(passed);
  if (args.positional.length > 0 || args.hasSplat) return UNKNOWN;
  return defaultValue();
}
