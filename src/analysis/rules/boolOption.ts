import type { TextEdit } from '../diagnostic';
import type { LossCall } from '../semantic/lossSites';
import { unparen } from '../syntax';
import { insertKeyword, replace } from './helpers';
import type { RuleContext } from './rule';

/**
 * A loss's boolean option as configured where it applies (the construction for modules, the call for
 * functionals): the literal written, the catalogue default when absent, undefined when it can't be told
 * (a variable, or `**kwargs` that may set it).
 */
export function boolOption(call: LossCall, name: string): boolean | undefined {
  const where = call.construction ?? call;
  const given = call.options.get(name);
  if (given) {
    const t = unparen(given).type;
    return t === 'true' ? true : t === 'false' ? false : undefined;
  }
  if (where.args.hasSplat) return undefined;
  const d = call.sig.params.find((p) => p.name === name)?.default;
  return typeof d === 'boolean' ? d : undefined;
}

/**
 * The edit setting `name=value` where the option is configured, and whether it is safe to prefer: a
 * construction may serve other calls of the file, which must all want the same flip (`wants`).
 */
export function setBoolOption(ctx: RuleContext, call: LossCall, name: string, value: boolean, wants: (c: LossCall) => boolean): { edit: TextEdit; safe: boolean } | undefined {
  const text = value ? 'True' : 'False';
  const given = call.options.get(name);
  const edit = given ? replace(given, text) : insertKeyword(call.construction?.call ?? call.call, name, text);
  if (!edit) return undefined;
  const c = call.construction;
  const safe = !c || ctx.allCalls().every((u) => u.construction?.call !== c.call || u.call === call.call || wants(u));
  return { edit, safe };
}
