import type { LossSignature, ParamSpec } from '../catalogue';
import { SNIPPET_ELEMENTS, type DistanceSpec, type LossSpec, type Tensor, type TensorLike } from '../engine';
import { displayNumber, pythonNumber, torchTensorSource } from './format';

/** A runnable script, or why none is written (a tensor too large to write out value by value). */
export type Snippet = { readonly ok: true; readonly code: string } | { readonly ok: false; readonly message: string };

class TooLargeForSnippet extends Error {}

/**
 * A tensor as source: its values up to SNIPPET_ELEMENTS; beyond that a constant tensor is
 * `torch.zeros/ones/full(...)`, and any other is refused, never written as megabytes of text.
 */
function tensorSource(name: string, t: TensorLike, extra: readonly string[] = []): string {
  const data = t.data as ArrayLike<number>;
  if (data.length <= SNIPPET_ELEMENTS) return torchTensorSource({ shape: t.shape, dtype: t.dtype, data }, extra);
  const first = data[0];
  for (let i = 1; i < data.length; i++) {
    if (!Object.is(data[i], first) && !(Number.isNaN(data[i]) && Number.isNaN(first))) {
      throw new TooLargeForSnippet(
        `${name} has ${data.length.toLocaleString('en')} values; a snippet writes at most ${SNIPPET_ELEMENTS.toLocaleString('en')} of them. ` +
          'Load that data in your own code (or make it constant, which is written as torch.full).',
      );
    }
  }
  const shape = `(${t.shape.join(', ')}${t.shape.length === 1 ? ',' : ''})`;
  const kw = [`dtype=torch.${t.dtype}`, ...extra];
  if (Object.is(first, 0)) return `torch.zeros(${[shape, ...kw].join(', ')})`;
  if (first === 1) return `torch.ones(${[shape, ...kw].join(', ')})`;
  return `torch.full(${[shape, pythonNumber(first, t.dtype), ...kw].join(', ')})`;
}

function isTensor(v: unknown): v is TensorLike {
  return typeof v === 'object' && v !== null && 'shape' in v && 'data' in v;
}

function sameDefault(spec: ParamSpec, v: unknown): boolean {
  if (v === undefined) return true;
  if (typeof spec.default === 'number' && typeof v === 'number') return Object.is(spec.default, v) || spec.default === v;
  return spec.default === v;
}

function distanceSource(d: DistanceSpec): string {
  if (d.name === 'cosine_distance') return 'lambda a, b: 1.0 - F.cosine_similarity(a, b)';
  const kw = [d.p !== undefined ? `p=${pythonNumber(d.p, 'float64')}` : '', d.eps !== undefined ? `eps=${pythonNumber(d.eps, 'float64')}` : ''].filter(Boolean);
  return `nn.PairwiseDistance(${kw.join(', ')})`;
}

function paramSource(spec: ParamSpec, v: unknown): string {
  if (v === null) return 'None';
  if (typeof v === 'boolean') return v ? 'True' : 'False';
  if (typeof v === 'number') return pythonNumber(v, spec.type === 'int' ? 'int64' : 'float64');
  if (typeof v === 'string') return `'${v}'`;
  if (isTensor(v)) return tensorSource(spec.name, v);
  return distanceSource(v as DistanceSpec);
}

/**
 * A runnable script that reproduces the calculator's result with PyTorch: the tensors, the loss
 * with its non-default parameters, `backward()` for differentiable arguments, and the expected value.
 */
export function pytorchSnippet(sig: LossSignature, spec: LossSpec, output?: Tensor, differentiable: readonly string[] = []): Snippet {
  try {
    return { ok: true, code: snippetCode(sig, spec, output, differentiable) };
  } catch (e) {
    if (e instanceof TooLargeForSnippet) return { ok: false, message: e.message };
    throw e;
  }
}

function snippetCode(sig: LossSignature, spec: LossSpec, output: Tensor | undefined, differentiable: readonly string[]): string {
  const lines = ['import torch', 'import torch.nn as nn'];
  if (spec.params && Object.values(spec.params).some((v) => (v as DistanceSpec | null)?.name === 'cosine_distance')) lines.push('import torch.nn.functional as F');
  lines.push('');
  for (const a of sig.forward) {
    const v = spec.args[a.name];
    const grad = differentiable.includes(a.name) ? ['requires_grad=True'] : [];
    if (typeof v === 'number') lines.push(`${a.name} = ${pythonNumber(v, 'float64')}`);
    else if (isTensor(v)) lines.push(`${a.name} = ${tensorSource(a.name, v, grad)}`);
  }
  const kwargs = sig.params
    .filter((p) => spec.params && Object.prototype.hasOwnProperty.call(spec.params, p.name) && !sameDefault(p, spec.params[p.name]))
    .map((p) => `${p.name}=${paramSource(p, spec.params![p.name])}`);
  lines.push(`loss_fn = nn.${sig.module}(${kwargs.join(', ')})`);
  lines.push(`loss = loss_fn(${sig.forward.map((a) => a.name).join(', ')})`);
  const expected = output ? expectedComment(output) : '';
  const reduced = !output || output.shape.length === 0;
  if (differentiable.length > 0) lines.push(reduced ? 'loss.backward()' : 'loss.sum().backward()');
  lines.push(`print(loss)${expected}`);
  for (const name of differentiable) lines.push(`print(${name}.grad)`);
  return lines.join('\n') + '\n';
}

function expectedComment(output: Tensor): string {
  if (output.data.length === 1) return `  # ${displayNumber(output.data[0], 6)}`;
  if (output.data.length <= 6) return `  # [${Array.from(output.data, (x) => displayNumber(x, 4)).join(', ')}]`;
  return '';
}
