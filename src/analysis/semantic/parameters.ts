import { child, namedChildren, textOf, unparen, type SNode } from '../syntax';
import { callArgs } from './callArgs';
import { iterated } from './containers';
import { STAR } from './imports';
import { classOfMethod, parameterNames } from './scopes';
import type { Semantics } from './semantics';
import { UNKNOWN, merge, type Value } from './values';

/** How a parameter can be passed: its position (undefined once keyword-only) and its default. */
interface ParameterSlot {
  readonly position: number | undefined;
  readonly defaultValue: SNode | undefined;
}

function slotOf(fn: SNode, name: string): ParameterSlot | undefined {
  const params = child(fn, 'parameters');
  if (!params) return undefined;
  let position: number | undefined = 0;
  for (const p of namedChildren(params)) {
    if (p.type === 'list_splat_pattern' || p.type === 'dictionary_splat_pattern' || p.type === 'keyword_separator') {
      // Parameters after `*args` or `*` are keyword-only.
      position = undefined;
      continue;
    }
    if (p.type === 'positional_separator') continue;
    const id = p.type === 'identifier' ? p : child(p, 'name') ?? namedChildren(p).find((c) => c.type === 'identifier');
    if (id && textOf(id) === name) return { position, defaultValue: child(p, 'value') };
    if (position !== undefined) position++;
  }
  return undefined;
}

function isPlainMethod(fn: SNode): boolean {
  const decorated = fn.parent?.type === 'decorated_definition' ? textOf(fn.parent).slice(0, textOf(fn.parent).length - textOf(fn).length) : '';
  return !/@\s*(staticmethod|classmethod)\b/.test(decorated);
}

/**
 * What a function's parameter holds, from its call sites in this file: the arguments passed for it
 * (or its default where a call leaves it out) when every call site agrees on what they are. A call
 * that can't be read (a splat that may carry it), a call site whose callee can't be told apart from
 * this function, or no call site at all gives nothing. `train(model, loader, criterion)` then sees
 * the model and criterion built where `train` is called, `Net(num_classes=1)` gives its layers their
 * width, and `Trainer(model, crit)` hands `__init__` the criterion it stores.
 */
export function argumentValue(s: Semantics, fn: SNode, name: string): Value {
  const nameNode = child(fn, 'name');
  if (!nameNode) return UNKNOWN;
  const cls = classOfMethod(fn);
  const method = cls !== undefined && isPlainMethod(fn);
  const slot = slotOf(fn, name);
  if (!slot || (method && slot.position === 0)) return UNKNOWN;
  const position = slot.position === undefined ? undefined : slot.position - (method ? 1 : 0);
  const fname = textOf(nameNode);
  // `__init__` runs when the class is called; other methods are called on an instance.
  const calleeName = cls && fname === '__init__' ? textOf(child(cls, 'name') ?? cls) : fname;
  if (cls && fname !== '__init__' && !method) return UNKNOWN;
  const values: Value[] = [];
  // The value passed at one call site, as the semantics of the call's file sees it.
  const passed = (site: Semantics, call: SNode): Value => {
    let target = callTarget(site, child(call, 'function')!, fn, cls);
    // Another file reaches this function only through an import that resolves here; a name it
    // can't resolve is something else (unless a star import could have brought it in).
    if (target === 'unknown' && site !== s && !hasStarImport(site)) target = 'other';
    if (target === 'other') return SKIP;
    if (target === 'unknown') return UNKNOWN;
    const args = callArgs(call);
    const arg = args.keywords.get(name) ?? (position === undefined ? undefined : args.positional[position]);
    if (arg) return site.valueOf(arg);
    if (args.hasSplat) return UNKNOWN;
    return slot.defaultValue ? s.valueOf(slot.defaultValue) : UNKNOWN;
  };
  // An optional `forward` argument (`labels=None`) switches what the module computes (a model that
  // returns a loss only when given labels, by problem type): callers' values say nothing certain there.
  if (cls && fname === 'forward' && method) return slot.defaultValue ? UNKNOWN : forwardArgument(s, cls, name, position);
  // Lightning calls `training_step(batch, batch_idx)` with the batches of the loaders it was given.
  const stage = LIGHTNING_STEPS.get(fname);
  if (cls && method && stage && position === 0) return lightningBatch(s, cls, stage);
  for (const call of s.callsNamed(calleeName)) {
    const v = passed(s, call);
    if (v === SKIP) continue;
    if (v.t === 'unknown') return UNKNOWN;
    values.push(v);
  }
  // Callers in other files of the workspace count the same way (the module's importers).
  const ws = s.context?.workspace;
  if (ws) s.noteAnyFile();
  const callers = ws ? ws.callersOf(s.context!.path, calleeName) : [];
  if (!callers) return UNKNOWN;
  for (const site of callers) {
    for (const call of site.calls) {
      const v = s.across(site.semantics, () => passed(site.semantics, call), UNKNOWN);
      if (v === SKIP) continue;
      if (v.t === 'unknown') return UNKNOWN;
      values.push(v);
    }
  }
  return merge(values);
}

/**
 * A `forward` parameter: what the calls of the class's instances pass (`criterion = KDLoss()` …
 * `criterion(student, teacher, y)`), found through the names the instances are bound to, in this file
 * and in the files that name the class. An instance not bound to a name may be called anywhere: nothing.
 */
function forwardArgument(s: Semantics, cls: SNode, name: string, position: number | undefined): Value {
  const className = textOf(child(cls, 'name') ?? cls);
  const ws = s.context?.workspace;
  if (ws) s.noteAnyFile();
  const callers = ws ? ws.callersOf(s.context!.path, className) : [];
  if (!callers) return UNKNOWN;
  const sites = [s, ...callers.map((c) => c.semantics)];
  const values: Value[] = [];
  for (const site of sites) {
    const v = s.across(site, () => {
      const found: Value[] = [];
      for (const construction of site.callsNamed(className)) {
        const callee = site.valueOf(child(construction, 'function')!);
        if (callee.t !== 'class' || callee.def !== cls) continue;
        const assign = construction.parent;
        const left = assign?.type === 'assignment' && construction.field === 'right' ? child(assign, 'left') : undefined;
        const bound = left?.type === 'identifier' ? textOf(left) : left?.type === 'attribute' ? textOf(child(left, 'attribute') ?? left) : undefined;
        if (!bound) return UNKNOWN;
        for (const call of site.callsNamed(bound)) {
          const inst = site.valueOf(child(call, 'function')!);
          if (inst.t !== 'module' || inst.cls !== cls) continue;
          const args = callArgs(call);
          const arg = args.keywords.get(name) ?? (position === undefined ? undefined : args.positional[position]);
          const a = arg ? site.valueOf(arg) : UNKNOWN;
          if (a.t === 'unknown') return UNKNOWN;
          found.push(a);
        }
      }
      return found.length > 0 ? merge(found) : SKIP;
    }, UNKNOWN);
    if (v === SKIP) continue;
    if (v.t === 'unknown') return UNKNOWN;
    values.push(v);
  }
  return merge(values);
}

/** A LightningModule's step methods and the stage whose loaders feed them. */
const LIGHTNING_STEPS = new Map([
  ['training_step', 'train'],
  ['validation_step', 'val'],
  ['test_step', 'test'],
  ['predict_step', 'predict'],
]);

/** Where `Trainer.fit/validate/test/predict(model, …)` takes each stage's loaders: position after the model, keyword. */
const LOADER_ARGUMENTS: Record<string, readonly [method: string, position: number, keyword: string][]> = {
  train: [['fit', 1, 'train_dataloaders']],
  val: [['fit', 2, 'val_dataloaders'], ['validate', 1, 'dataloaders']],
  test: [['test', 1, 'dataloaders']],
  predict: [['predict', 1, 'dataloaders']],
};

/**
 * A batch of a LightningModule's stage: an item of what its own `train_dataloader()` (…) returns, else
 * of the loaders every `trainer.fit(model, train_dl, val_dl)` in the file passes for an instance of the
 * class. A call whose model can't be told apart, or a loader given some other way, leaves it unknown.
 */
function lightningBatch(s: Semantics, cls: SNode, stage: string): Value {
  const own = s.methodOf(cls, `${stage}_dataloader`);
  if (own) return iterated(s, s.returnValue(own));
  const values: Value[] = [];
  // The loaders one `fit`/`validate`/… call passes for an instance of the class, as its file sees them.
  const passed = (site: Semantics, call: SNode, position: number, keyword: string): Value | typeof SKIP => {
    const args = callArgs(call);
    if (args.hasSplat) return UNKNOWN;
    const model = args.keywords.get('model') ?? args.positional[0];
    const m = model ? site.valueOf(model) : UNKNOWN;
    if (m.t === 'module' && m.cls !== undefined && m.cls !== cls) return SKIP;
    if (m.t !== 'module' || m.cls !== cls) return UNKNOWN;
    const loader = args.keywords.get(keyword) ?? args.positional[position];
    if (!loader || args.keywords.has('datamodule')) return UNKNOWN;
    return iterated(site, site.valueOf(loader));
  };
  const ws = s.context?.workspace;
  if (ws) s.noteAnyFile();
  for (const [method, position, keyword] of LOADER_ARGUMENTS[stage]) {
    // Usually the trainer runs in another file (train.py) that imports the module.
    const callers = ws ? ws.callersOf(s.context!.path, method) : [];
    if (!callers) return UNKNOWN;
    const sites = [{ semantics: s, calls: s.callsNamed(method) }, ...callers];
    for (const site of sites) {
      for (const call of site.calls) {
        const v = site.semantics === s ? passed(s, call, position, keyword) : s.across(site.semantics, () => passed(site.semantics, call, position, keyword), UNKNOWN);
        if (v === SKIP) continue;
        if (v.t === 'unknown') return UNKNOWN;
        values.push(v);
      }
    }
  }
  return merge(values);
}

function hasStarImport(s: Semantics): boolean {
  return [...s.index.imports.keys()].some((k) => k.startsWith(STAR) && !k.startsWith(`${STAR}torch`));
}

/**
 * The arguments one call passes, by parameter name (defaults where it passes nothing), evaluated in
 * the caller's file; undefined when the call can't be matched to the parameters (splats).
 */
export function argumentsAt(caller: Semantics, owner: Semantics, fn: SNode, call: SNode): Map<string, Value> | undefined {
  const args = callArgs(call);
  if (args.hasSplat) return undefined;
  const cls = classOfMethod(fn);
  const method = cls !== undefined && isPlainMethod(fn);
  const out = new Map<string, Value>();
  for (const name of parameterNames(fn)) {
    const slot = slotOf(fn, name);
    if (!slot || (method && slot.position === 0)) continue;
    const position = slot.position === undefined ? undefined : slot.position - (method ? 1 : 0);
    const arg = args.keywords.get(name) ?? (position === undefined ? undefined : args.positional[position]);
    const v = arg ? caller.valueOf(arg) : slot.defaultValue ? owner.valueOf(slot.defaultValue) : UNKNOWN;
    out.set(name, v);
  }
  return out;
}

/** Marks a call that calls something else. */
const SKIP: Value = { t: 'unknown' };

/** Whether a call's callee is this function (`mine`), certainly something else, or can't be told. */
function callTarget(s: Semantics, callee: SNode, fn: SNode, cls: SNode | undefined): 'mine' | 'other' | 'unknown' {
  const c = unparen(callee);
  if (cls && textOf(child(fn, 'name') ?? fn) !== '__init__') {
    // `obj.fit(…)`: the object must be an instance of the class (or `self` inside it).
    if (c.type !== 'attribute') return 'other';
    const obj = child(c, 'object');
    if (!obj) return 'unknown';
    const v = s.valueOf(obj);
    if (v.t === 'module' && v.cls) return v.cls === cls ? 'mine' : s.methodOf(v.cls, textOf(child(fn, 'name')!)) === fn ? 'mine' : 'other';
    if (v.t === 'tensor' || v.t === 'loss' || v.t === 'int' || v.t === 'pymodule' || (v.t === 'module' && !v.cls)) return 'other';
    return 'unknown';
  }
  // `engine.train(…)` through a module alias; any other `x.train()` is a method of something else.
  if (c.type !== 'identifier' && (c.type !== 'attribute' || s.qualify(c) === undefined)) return 'other';
  const v = s.valueOf(c);
  if (v.t === 'function' || v.t === 'class') return v.def === (cls && v.t === 'class' ? cls : fn) ? 'mine' : 'other';
  if (v.t === 'unknown') return c.type === 'identifier' ? 'unknown' : 'other';
  return 'other';
}
