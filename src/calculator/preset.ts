import type { ParamSpec } from '../catalogue';
import type { DType } from '../engine';
import { exampleArgs } from './examples';
import { pythonNumber, torchTensorSource } from './format';
import { defaultParamText, parseParam } from './params';
import { signatureFor } from './session';

/** A preset as the protocol carries it (structurally: src/protocol's CalculatorPreset). */
export interface PresetLike {
  readonly module: string;
  readonly params?: Readonly<Record<string, unknown>>;
  readonly args?: Readonly<Record<string, unknown>>;
}

export interface FormTexts {
  readonly params: Record<string, string>;
  readonly args: Record<string, string>;
}

function tensorText(v: unknown): string | undefined {
  const t = v as { shape?: unknown; dtype?: unknown; data?: unknown } | null;
  if (!t || typeof t !== 'object' || !Array.isArray(t.shape) || !t.data || typeof (t.data as ArrayLike<unknown>).length !== 'number') return undefined;
  const dtype = (typeof t.dtype === 'string' ? t.dtype : 'float32') as DType;
  const data = Array.from(t.data as ArrayLike<unknown>, (x) => (x === 'nan' ? NaN : x === 'inf' ? Infinity : x === '-inf' ? -Infinity : Number(x)));
  return torchTensorSource({ shape: t.shape as number[], dtype, data });
}

/** One preset value as the form's text for that parameter. */
export function paramText(spec: ParamSpec, v: unknown): string {
  if (v === undefined) return defaultParamText(spec);
  if (v === null) return spec.type === 'tensor' ? '' : 'None';
  if (typeof v === 'boolean') return v ? 'True' : 'False';
  if (typeof v === 'number') return spec.type === 'float' ? pythonNumber(v, 'float64') : String(v);
  if (typeof v === 'string') {
    // Presets from code carry source text: `'sum'` for a reduction, or a variable name we can't read.
    const text = spec.type === 'reduction' || spec.type === 'distance' ? v.trim().replace(/^(['"])(.*)\1$/, '$2') : v;
    return parseParam(spec, text).ok ? text : defaultParamText(spec);
  }
  const name = (v as { name?: unknown }).name;
  if (spec.type === 'distance' && typeof name === 'string') return name;
  return tensorText(v) ?? String(v);
}

function argText(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return pythonNumber(v, 'float64');
  return tensorText(v);
}

/**
 * The form a preset opens: the loss's defaults and example arguments, overridden by whatever the
 * preset carries. Unknown parameter names are kept so the engine reports them like PyTorch would.
 */
export function presetToForm(preset: PresetLike): { module: string; form: FormTexts } | undefined {
  const sig = signatureFor(preset?.module);
  if (!sig) return undefined;
  const params: Record<string, string> = {};
  for (const p of sig.params) params[p.name] = paramText(p, preset.params?.[p.name]);
  const args = exampleArgs(sig);
  for (const a of sig.forward) {
    const text = argText(preset.args?.[a.name]);
    if (text !== undefined) args[a.name] = text;
  }
  return { module: sig.module, form: { params, args } };
}
