/**
 * How much work one evaluation may do, checked before anything is allocated. Inline values run
 * on the editor's extension host for any file the user opens (also in Restricted Mode), so their
 * budget is small; the calculator is interactive and allows more. Every limit of the literal
 * evaluator, the engine, the calculator's sweep and its code snippets lives here.
 */
export interface WorkBudget {
  /** Said after "too large to evaluate": `inline`, or nothing. */
  readonly where: string;
  /** Elements of any one tensor: an argument, a literal, or what a literal op such as one_hot builds. */
  readonly tensorElements: number;
  /** Elements of a broadcast result, e.g. (5000, 1) against (1, 5000) makes 25 M. */
  readonly broadcastElements: number;
  /** Cells of work that grow faster than the inputs: CTC's lattice Σ T·(2L+1), MultiLabelMargin's label × class pairs. */
  readonly latticeCells: number;
}

/** Inline values: the host answers each hint within milliseconds. */
export const INLINE_BUDGET: WorkBudget = {
  where: 'inline',
  tensorElements: 100_000,
  broadcastElements: 100_000,
  latticeCells: 250_000,
};

/**
 * The calculator and `loss-lens eval`: a pasted 10⁶-element dataset computes; a broadcast or a
 * lattice that would take more than about a second (25 M elements from (5000, 1) and (1, 5000)) doesn't.
 */
export const CALCULATOR_BUDGET: WorkBudget = {
  where: '',
  tensorElements: 10_000_000,
  broadcastElements: 2_000_000,
  latticeCells: 2_000_000,
};

/**
 * Work one sweep plot may spend in total (points × the work of one evaluation, as the engine
 * counts it): 121 points of a 1 M-element broadcast would block the page for seconds.
 */
export const SWEEP_WORK = 4_000_000;
/** A sweep with fewer points than this says why instead of drawing a misleading curve. */
export const SWEEP_MIN_POINTS = 11;

/** A generated snippet writes at most this many values of one tensor (about 100 KB of text); larger ones use a factory or are refused. */
export const SNIPPET_ELEMENTS = 10_000;

export type WorkKind = 'tensor' | 'broadcast' | 'lattice';

/** Work refused by a budget: a typed error whose message says what was too large and the limit. */
export class TooLargeError extends Error {
  constructor(
    readonly kind: WorkKind,
    readonly elements: number,
    readonly limit: number,
    readonly where: string,
    /** The argument whose size caused it, when one did. */
    readonly argument: string | undefined,
    what: string,
  ) {
    super(tooLargeMessage(what, elements, limit, where, kind));
    this.name = 'TooLargeError';
  }
}

function count(n: number): string {
  return Number.isFinite(n) && n < 1e21 ? Math.round(n).toLocaleString('en') : n.toExponential(2);
}

/** "input: too large to evaluate inline (25,000,000 elements; limit 100,000)". */
export function tooLargeMessage(what: string, elements: number, limit: number, where: string, kind: WorkKind = 'tensor'): string {
  const unit = kind === 'lattice' ? 'cells' : 'elements';
  const head = what ? `${what}: ` : '';
  return `${head}too large to evaluate${where ? ` ${where}` : ''} (${count(elements)} ${unit}; limit ${count(limit)})`;
}

function limitOf(budget: WorkBudget, kind: WorkKind): number {
  return kind === 'tensor' ? budget.tensorElements : kind === 'broadcast' ? budget.broadcastElements : budget.latticeCells;
}

/**
 * One evaluation's account: its budget and the work charged so far (elements of the arguments,
 * of broadcast results, lattice cells), which callers such as the sweep use to plan repeats.
 */
export interface WorkMeter {
  readonly budget: WorkBudget;
  spent: number;
}

export function workMeter(budget: WorkBudget): WorkMeter {
  return { budget, spent: 0 };
}

/** Throws TooLargeError when `elements` exceeds the budget for `kind`, else charges them; call it before allocating. */
export function checkWork(meter: WorkMeter, kind: WorkKind, elements: number, what: string, argument?: string): void {
  const limit = limitOf(meter.budget, kind);
  // NaN is never within budget either.
  if (!(elements <= limit)) throw new TooLargeError(kind, elements, limit, meter.budget.where, argument, what);
  meter.spent += elements;
}

/** The element count of `shape` as a plain product (possibly Infinity), for budget checks. */
export function elementsOf(shape: readonly number[]): number {
  let n = 1;
  for (const d of shape) n *= d;
  return shape.includes(0) ? 0 : n;
}
