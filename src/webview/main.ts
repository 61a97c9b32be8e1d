import { LOSSES, type Locale, type LossSignature } from '../catalogue';
import { CALCULATOR_BUDGET } from '../engine';
import { COMPARISONS } from '../calculator/compare';
import { effectiveReduction } from '../calculator/explain';
import { exampleArgs } from '../calculator/examples';
import { presetToForm } from '../calculator/preset';
import { computeSession, defaultInputs, signatureFor, type CalcOutcome } from '../calculator/session';
import { pytorchSnippet, type Snippet } from '../calculator/snippet';
import { sweep, sweepableArgs } from '../calculator/sweep';
import type { CalculatorState, HostToWebview, LossForm, WebviewToHost } from '../protocol/calculator';
import { byId, h } from './dom';
import { buildForm, type FieldKind, type FormHandle } from './form';
import { renderDoc } from './formula';
import { drawComparison, drawSweep } from './plot';
import { renderResults, scalarValue } from './results';
import { t } from './strings';

interface VsCodeApi {
  postMessage(message: WebviewToHost): void;
  getState(): unknown;
  setState(state: CalculatorState): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
let locale: Locale = document.body.dataset.locale === 'zh' ? 'zh' : 'en';
let state: CalculatorState = restore(vscode.getState());
let form: FormHandle | undefined;
let outcome: CalcOutcome | undefined;
let presetSeq = 0;

function initialState(module = 'MSELoss'): CalculatorState {
  return { version: 1, module, forms: {}, sweep: { arg: 'input', index: 0 }, compare: null };
}

/** Persisted state from an older or foreign page is replaced, not trusted. */
function restore(saved: unknown): CalculatorState {
  const s = saved as Partial<CalculatorState> | undefined;
  if (!s || s.version !== 1 || typeof s.module !== 'string' || !signatureFor(s.module) || typeof s.forms !== 'object' || !s.forms) return initialState();
  return { ...initialState(s.module), ...s } as CalculatorState;
}

function formOf(module: string): LossForm {
  const saved = state.forms[module];
  if (saved) return saved;
  const d = defaultInputs(module, exampleArgs);
  return { params: d.params, args: d.args };
}

function save(next: CalculatorState): void {
  state = next;
  vscode.setState(state);
}

function post(message: WebviewToHost): void {
  vscode.postMessage(message);
}

function matches(sig: LossSignature, query: string): boolean {
  if (!query) return true;
  const q = query.toLowerCase();
  const e = sig as LossSignature & { aliases?: readonly string[]; summary?: { en: string; zh: string } };
  const hay = [sig.module, sig.id, sig.functional.name, ...(e.aliases ?? []), e.summary?.en ?? '', e.summary?.zh ?? ''];
  return hay.some((s) => s.toLowerCase().includes(q));
}

function fillLossList(query: string): void {
  const select = byId<HTMLSelectElement>('loss-select');
  const found = LOSSES.filter((l) => matches(l, query));
  select.replaceChildren(...found.map((l) => h('option', { value: l.module, selected: l.module === state.module }, l.module)));
  if (found.length === 0) select.append(h('option', { value: '', disabled: true }, t(locale, 'noMatch')));
  byId('loss-count').textContent = `${found.length} / ${LOSSES.length}`;
}

function selectLoss(module: string): void {
  const sig = signatureFor(module);
  if (!sig || sig.module === state.module) return;
  save({ ...state, module: sig.module, sweep: { arg: sig.forward[0].name, index: 0 } });
  renderLoss();
}

/** The static frame: header with the searchable loss list, sections, action buttons. */
function renderShell(): void {
  document.documentElement.lang = locale === 'zh' ? 'zh-CN' : 'en';
  const app = byId('app');
  const filter = h('input', { id: 'loss-filter', type: 'search', placeholder: t(locale, 'search'), 'aria-label': t(locale, 'searchLabel'), 'aria-controls': 'loss-select' });
  const select = h('select', { id: 'loss-select', 'aria-label': t(locale, 'loss') });
  const compare = h(
    'select',
    { id: 'compare-select', 'aria-label': t(locale, 'compare') },
    h('option', { value: '' }, t(locale, 'compareNone')),
    ...COMPARISONS.map((c) => h('option', { value: c.id, selected: state.compare === c.id }, c.title[locale])),
  );
  const copy = h('button', { id: 'copy', type: 'button' }, t(locale, 'copy'));
  const insert = h('button', { id: 'insert', type: 'button', class: 'secondary' }, t(locale, 'insert'));
  app.replaceChildren(
    h('header', {}, h('h1', {}, t(locale, 'title')), h('label', { for: 'loss-select' }, t(locale, 'loss')), filter, select, h('span', { id: 'loss-count', class: 'muted' })),
    h('section', { id: 'doc', class: 'card' }),
    h('div', { class: 'columns' }, h('section', { id: 'params', class: 'card' }), h('section', { id: 'args', class: 'card' })),
    h('section', { id: 'result', class: 'card', 'aria-live': 'polite' }),
    h(
      'section',
      { id: 'plots', class: 'card' },
      h('h2', {}, t(locale, 'plots')),
      h('div', { class: 'plot-controls', id: 'sweep-controls' }),
      h('div', { class: 'chart' }, h('canvas', { id: 'sweep-chart' })),
      h('div', { class: 'plot-controls' }, h('label', { for: 'compare-select' }, t(locale, 'compare')), compare),
      h('div', { class: 'chart', id: 'compare-wrap', hidden: state.compare === null }, h('canvas', { id: 'compare-chart' })),
      h('div', { id: 'compare-notes', class: 'muted' }),
    ),
    h('footer', {}, copy, insert, h('span', { id: 'status', role: 'status', class: 'muted' })),
  );
  fillLossList('');
  filter.addEventListener('input', () => fillLossList(filter.value.trim()));
  filter.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && select.options.length > 0 && select.options[0].value) selectLoss(select.options[0].value);
    if (e.key === 'ArrowDown') select.focus();
  });
  select.addEventListener('change', () => selectLoss(select.value));
  compare.addEventListener('change', () => {
    save({ ...state, compare: compare.value || null });
    renderComparison();
  });
  copy.addEventListener('click', () => {
    const code = snippet();
    if (!code) return;
    if (code.ok) post({ type: 'copy', text: code.code });
    byId('status').textContent = code.ok ? t(locale, 'copied') : code.message;
  });
  insert.addEventListener('click', () => {
    const code = snippet();
    if (!code) return;
    if (code.ok) post({ type: 'insert', text: code.code });
    else byId('status').textContent = code.message;
  });
  renderLoss();
  renderComparison();
}

function snippet(): Snippet | undefined {
  if (!outcome?.sig || !outcome.spec || !outcome.result) return undefined;
  return pytorchSnippet(outcome.sig, outcome.spec, outcome.result.output, Object.keys(outcome.result.grad));
}

/** Rebuilds the loss-specific parts: docs, form fields, then computes. */
function renderLoss(): void {
  const sig = signatureFor(state.module);
  if (!sig) return;
  fillLossList(byId<HTMLInputElement>('loss-filter').value.trim());
  const f = formOf(sig.module);
  form = buildForm(byId('params'), byId('args'), sig, f, locale, onField);
  recompute();
}

let pending: ReturnType<typeof setTimeout> | undefined;
let pendingSweep: ReturnType<typeof setTimeout> | undefined;

/** Typing waits for a pause; a pasted 10⁶-element tensor (slow to parse) waits a little longer. */
const DEBOUNCE_MS = 120;
const DEBOUNCE_LARGE_MS = 300;

function onField(kind: FieldKind, name: string, text: string): void {
  const f = formOf(state.module);
  const next: LossForm = kind === 'param' ? { ...f, params: { ...f.params, [name]: text } } : { ...f, args: { ...f.args, [name]: text } };
  save({ ...state, forms: { ...state.forms, [state.module]: next } });
  // Even a short text can be much work ((1000, 1) against (1, 1000)): every keystroke waits for a pause.
  const size = Object.values(next.args).reduce((n, s) => n + s.length, 0);
  clearTimeout(pending);
  pending = setTimeout(recompute, size < 50_000 ? DEBOUNCE_MS : DEBOUNCE_LARGE_MS);
}

function recompute(): void {
  const sig = signatureFor(state.module);
  if (!sig) return;
  clearTimeout(pending);
  const f = formOf(sig.module);
  outcome = computeSession({ module: sig.module, params: f.params, args: f.args }, locale, CALCULATOR_BUDGET);
  form?.update(outcome);
  const reduction = outcome.spec ? effectiveReduction({ sig, params: outcome.spec.params ?? {}, args: outcome.spec.args, output: { shape: [], dtype: 'float64', data: new Float64Array(1) } }) : 'mean';
  renderDoc(byId('doc'), sig, reduction, locale);
  renderResults(byId('result'), outcome, locale);
  // The result shows first; the sweep (many evaluations) follows once the page has painted.
  clearTimeout(pendingSweep);
  pendingSweep = setTimeout(renderSweep, 0);
  const r = outcome.result;
  const firstError = Object.entries(outcome.fieldErrors)[0];
  post({
    type: 'result',
    summary: {
      module: sig.module,
      value: r ? scalarValue(r.output) : null,
      text: r ? byId('result-value').textContent ?? '' : '',
      error: outcome.error ?? (firstError ? `${firstError[0]}: ${firstError[1].message}` : null),
      preset: presetSeq,
    },
  });
  byId('copy').toggleAttribute('disabled', !r);
  byId('insert').toggleAttribute('disabled', !r);
  document.body.dataset.status = r ? 'computed' : 'error';
}

function renderSweep(): void {
  clearTimeout(pendingSweep);
  const controls = byId('sweep-controls');
  const canvas = byId<HTMLCanvasElement>('sweep-chart');
  const o = outcome;
  const args = o?.sig && o.spec && o.result ? sweepableArgs(o.sig, o.spec) : [];
  if (!o?.sig || !o.spec || args.length === 0) {
    controls.replaceChildren(h('span', { class: 'muted' }, o?.result ? t(locale, 'noSweep') : ''));
    canvas.parentElement!.hidden = true;
    return;
  }
  canvas.parentElement!.hidden = false;
  const arg = args.includes(state.sweep.arg) ? state.sweep.arg : args[0];
  const v = o.spec.args[arg];
  const size = typeof v === 'number' ? 1 : (v as { data: ArrayLike<number> }).data.length;
  const index = Math.min(Math.max(0, state.sweep.index), size - 1);
  const argSelect = h('select', { id: 'sweep-arg' }, ...args.map((a) => h('option', { value: a, selected: a === arg }, a)));
  const indexInput = h('input', { id: 'sweep-index', type: 'number', min: 0, max: size - 1, step: 1, value: index, disabled: size === 1 });
  argSelect.addEventListener('change', () => {
    save({ ...state, sweep: { arg: argSelect.value, index: 0 } });
    renderSweep();
  });
  indexInput.addEventListener('change', () => {
    save({ ...state, sweep: { arg, index: Number(indexInput.value) || 0 } });
    renderSweep();
  });
  controls.replaceChildren(h('label', { for: 'sweep-arg' }, t(locale, 'sweepArg')), argSelect, h('label', { for: 'sweep-index' }, t(locale, 'sweepIndex')), indexInput);
  const shape = typeof v === 'number' ? [] : (v as { shape: readonly number[] }).shape;
  const label = shape.length === 0 ? arg : `${arg}[${unravel(index, shape).join(', ')}]`;
  const swept = sweep(o.sig, o.spec, arg, index, 121, CALCULATOR_BUDGET);
  if (!swept.ok) {
    controls.append(h('span', { id: 'sweep-note', class: 'muted' }, t(locale, 'sweepSkipped', swept.work.toLocaleString('en'), swept.budget.toLocaleString('en'))));
    canvas.parentElement!.hidden = true;
    return;
  }
  drawSweep(canvas, swept.curve, label, locale);
}

function unravel(index: number, shape: readonly number[]): number[] {
  const out: number[] = [];
  let rest = index;
  for (let d = shape.length - 1; d >= 0; d--) {
    out.unshift(rest % shape[d]);
    rest = Math.floor(rest / shape[d]);
  }
  return out;
}

function renderComparison(): void {
  const wrap = byId('compare-wrap');
  const notes = byId('compare-notes');
  if (!state.compare) {
    wrap.hidden = true;
    notes.replaceChildren();
    return;
  }
  wrap.hidden = false;
  const missing = drawComparison(byId<HTMLCanvasElement>('compare-chart'), state.compare, locale);
  notes.replaceChildren(...missing.map((m) => h('div', {}, m)));
}

function applyPreset(preset: Parameters<typeof presetToForm>[0]): void {
  const p = presetToForm(preset);
  if (!p) {
    byId('status').textContent = `unknown loss '${String(preset?.module)}'`;
    return;
  }
  const sig = signatureFor(p.module)!;
  save({ ...state, module: p.module, forms: { ...state.forms, [p.module]: p.form }, sweep: { arg: sig.forward[0].name, index: 0 } });
  renderLoss();
}

function onMessage(message: HostToWebview): void {
  switch (message.type) {
    case 'preset':
      presetSeq = message.seq;
      applyPreset(message.preset);
      return;
    case 'locale':
      if (message.locale === locale) return;
      locale = message.locale;
      document.body.dataset.locale = locale;
      renderShell();
      return;
    case 'insertResult':
      byId('status').textContent = message.message;
      return;
    default: {
      const never: never = message;
      void never;
    }
  }
}

window.addEventListener('message', (e: MessageEvent<HostToWebview>) => onMessage(e.data));
// Theme switches change the --vscode-* variables: redraw the charts in the new colours.
new MutationObserver(() => {
  renderSweep();
  renderComparison();
}).observe(document.body, { attributes: true, attributeFilter: ['class'] });

renderShell();
post({ type: 'ready' });
