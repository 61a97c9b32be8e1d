import type { DocumentAnalysis } from './document';
import { constructorArguments } from './semantic/args';
import { callArgs } from './semantic/calls';
import { argumentTexts, type LossCall } from './semantic/lossSites';
import { child, endOf, nodeAt, startOf, textOf, unparen, type SNode } from './syntax';

/** The loss named or held by the expression under the cursor. */
export interface LossAtCursor {
  /** Catalogue id (`bce`) and `nn` class name (`BCELoss`). */
  readonly id: string;
  readonly module: string;
  /** `module`: `nn.BCELoss` itself; `functional`: `F.binary_cross_entropy`; `criterion`: a variable or attribute holding a built loss. */
  readonly form: 'module' | 'functional' | 'criterion';
  /** Constructor arguments as source text by parameter name (empty for functionals and bare classes). */
  readonly args: Readonly<Record<string, string>>;
  /** Document offsets of the name under the cursor. */
  readonly range: { readonly start: number; readonly end: number };
}

/** The expression to resolve: the whole dotted name (`torch.nn.BCELoss`, `self.criterion`) around the cursor. */
function nameAround(n: SNode): SNode | undefined {
  let cur: SNode = n;
  if (cur.type !== 'identifier' && cur.type !== 'attribute') return undefined;
  while (cur.parent && cur.parent.type === 'attribute' && child(cur.parent, 'attribute') === cur) cur = cur.parent;
  return cur;
}

/**
 * Resolves the loss under `offset` for hover: `nn.BCELoss`, `torch.nn.BCELoss`, from-imported and
 * aliased names, `F.binary_cross_entropy`, `torch.nn.functional.binary_cross_entropy`, and variables or
 * `self` attributes holding a configured loss. Returns undefined anywhere else. Never throws.
 */
export function lossAt(doc: DocumentAnalysis, offset: number): LossAtCursor | undefined {
  try {
    const { semantics } = doc.getFacts();
    const expr = nameAround(nodeAt(doc.root, offset));
    if (!expr) return undefined;
    const range = { start: startOf(expr), end: endOf(expr) };
    const v = semantics.valueOf(expr);
    if (v.t === 'lossClass') {
      const parent = expr.parent;
      const args = parent?.type === 'call' && unparen(child(parent, 'function')!) === expr ? argumentTexts(constructorArguments(v.sig, callArgs(parent))) : {};
      return { id: v.sig.id, module: v.sig.module, form: 'module', args, range };
    }
    if (v.t === 'lossFunction') return { id: v.sig.id, module: v.sig.module, form: 'functional', args: {}, range };
    if (v.t === 'loss') {
      return { id: v.sig.id, module: v.sig.module, form: 'criterion', args: argumentTexts(constructorArguments(v.sig, callArgs(v.construction))), range };
    }
  } catch {
    return undefined;
  }
  return undefined;
}

/** A loss construction or computation with its arguments' ranges and text, for inline evaluation. */
export interface LossSiteInfo {
  readonly id: string;
  readonly module: string;
  /** `construction`: `nn.X(...)`; `module`: calling a built criterion; `functional`: `F.x(...)`. */
  readonly kind: 'construction' | 'module' | 'functional';
  readonly range: { readonly start: number; readonly end: number };
  /** Tensor arguments (forward names: `input`, `target`, …) of calls; empty for constructions. */
  readonly inputs: Readonly<Record<string, ArgumentInfo>>;
  /** Options by parameter name: the construction's for modules, the call's for functionals. */
  readonly options: Readonly<Record<string, ArgumentInfo>>;
}

export interface ArgumentInfo {
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

function infos(args: ReadonlyMap<string, SNode>): Record<string, ArgumentInfo> {
  const out: Record<string, ArgumentInfo> = {};
  for (const [k, n] of args) out[k] = { text: textOf(n), start: startOf(n), end: endOf(n) };
  return out;
}

function callInfo(c: LossCall): LossSiteInfo {
  return {
    id: c.sig.id,
    module: c.sig.module,
    kind: c.form,
    range: { start: startOf(c.call), end: endOf(c.call) },
    inputs: infos(c.inputs),
    options: infos(c.options),
  };
}

/** Every loss construction and call in the document, in source order. Never throws. */
export function lossSites(doc: DocumentAnalysis): LossSiteInfo[] {
  try {
    const { sites } = doc.getFacts();
    const out: LossSiteInfo[] = sites.constructions.map((c) => ({
      id: c.sig.id,
      module: c.sig.module,
      kind: 'construction' as const,
      range: { start: startOf(c.call), end: endOf(c.call) },
      inputs: {},
      options: infos(c.options),
    }));
    out.push(...sites.calls.map(callInfo));
    return out.sort((a, b) => a.range.start - b.range.start);
  } catch {
    return [];
  }
}
