import { elementsOf, tooLargeMessage, type DType, type WorkBudget } from '../engine';

/** Where a parse failed: `offset`/`length` index the source text so an editor can underline it. */
export interface LiteralError {
  readonly message: string;
  readonly offset: number;
  readonly length: number;
  /** Set when the literal is valid but larger than the work budget allows (not a typo to fix). */
  readonly tooLarge?: { readonly elements: number; readonly limit: number };
}

export class LiteralParseError extends Error {
  constructor(
    message: string,
    readonly offset: number,
    readonly length: number = 1,
    readonly tooLarge?: { readonly elements: number; readonly limit: number },
  ) {
    super(message);
    this.name = 'LiteralParseError';
  }
}

export function fail(message: string, offset: number, length = 1): never {
  throw new LiteralParseError(message, offset, Math.max(1, length));
}

/**
 * Refuses a tensor of `elements` elements beyond the budget, before it is built: `what` names it
 * (`torch.zeros(10000000)`), the offsets point at it.
 */
export function checkElements(budget: WorkBudget, elements: number, what: string, offset: number, length = 1): void {
  const limit = budget.tensorElements;
  if (elements <= limit) return;
  throw new LiteralParseError(tooLargeMessage(what, elements, limit, budget.where), offset, Math.max(1, length), { elements, limit });
}

/** checkElements for a shape. */
export function checkShape(budget: WorkBudget, shape: readonly number[], what: string, offset: number, length = 1): void {
  checkElements(budget, elementsOf(shape), what, offset, length);
}
/** Deeper nesting than any real tensor; guards the recursive descent against stack overflow. */
export const MAX_DEPTH = 32;

/**
 * A Python value while evaluating a literal. `array` is a number or a (nested) list/tuple of
 * numbers, flattened row-major; `tensor` has a fixed dtype (from torch/NumPy or a dtype argument).
 */
export type Value =
  | { readonly kind: 'array'; readonly shape: number[]; readonly data: number[]; readonly float: boolean; readonly bool: boolean; readonly start: number; readonly end: number }
  | { readonly kind: 'tensor'; readonly shape: number[]; readonly data: number[]; readonly dtype: DType; readonly start: number; readonly end: number }
  | { readonly kind: 'dtype'; readonly dtype: DTypeName; readonly start: number; readonly end: number }
  | { readonly kind: 'string'; readonly value: string; readonly start: number; readonly end: number }
  | { readonly kind: 'none'; readonly start: number; readonly end: number };

/** Every dtype spelling we recognise; only the engine's four are accepted for tensors. */
export type DTypeName = DType | 'float16' | 'bfloat16' | 'bool' | 'uint8' | 'int8' | 'int16' | 'complex64' | 'complex128';

export function isEngineDType(d: DTypeName): d is DType {
  return d === 'float64' || d === 'float32' || d === 'int64' || d === 'int32';
}

export interface Arg {
  readonly name?: string;
  readonly value: Value;
  readonly start: number;
}

export function describeValue(v: Value): string {
  switch (v.kind) {
    case 'array':
      return v.shape.length === 0 ? 'a number' : 'a list';
    case 'tensor':
      return 'a tensor';
    case 'dtype':
      return `dtype ${v.dtype}`;
    case 'string':
      return `the string '${v.value}'`;
    case 'none':
      return 'None';
  }
}

export function numelOf(shape: readonly number[]): number {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}

export function positional(args: readonly Arg[]): Value[] {
  return args.filter((a) => a.name === undefined).map((a) => a.value);
}

export function keyword(args: readonly Arg[], name: string): Value | undefined {
  return args.find((a) => a.name === name)?.value;
}

export function scalarOf(v: Value | undefined, what: string, at: number): number {
  if (!v) return fail(`missing ${what}`, at);
  if ((v.kind === 'array' || v.kind === 'tensor') && v.shape.length === 0) return v.data[0];
  return fail(`${what} must be a number, got ${describeValue(v)}`, v.start, v.end - v.start);
}
