import type { Locale } from '../catalogue';
import { displayNumber } from '../calculator/format';
import type { CalcOutcome } from '../calculator/session';
import type { Tensor } from '../engine';
import { h } from './dom';
import { t } from './strings';

const MAX_ROWS = 16;
const MAX_COLS = 16;

/** The loss as one number: the value itself, or the sum of the unreduced outputs. */
export function scalarValue(output: Tensor): number {
  if (output.data.length === 1) return output.data[0];
  let s = 0;
  for (let i = 0; i < output.data.length; i++) s += output.data[i];
  return s;
}

/**
 * A tensor as a table whose cell shading encodes magnitude (sequential for losses, diverging
 * for gradients). Shading is set through the CSSOM, which the page's CSP allows.
 */
function heatmap(tensor: Tensor, label: string, diverging: boolean, locale: Locale): HTMLElement {
  const shape = tensor.shape;
  const cols = shape.length === 0 ? 1 : shape[shape.length - 1];
  const rows = cols === 0 ? 0 : tensor.data.length / cols;
  let max = 0;
  for (let i = 0; i < tensor.data.length; i++) if (Number.isFinite(tensor.data[i])) max = Math.max(max, Math.abs(tensor.data[i]));
  const table = h('table', { class: 'heatmap', 'aria-label': label });
  for (let r = 0; r < Math.min(rows, MAX_ROWS); r++) {
    const tr = h('tr');
    for (let c = 0; c < Math.min(cols, MAX_COLS); c++) {
      const x = tensor.data[r * cols + c];
      const td = h('td', { title: String(x) }, displayNumber(x));
      const pct = max > 0 && Number.isFinite(x) ? Math.round((Math.abs(x) / max) * 55) : 0;
      const colour = diverging && x < 0 ? 'var(--ll-negative)' : 'var(--ll-positive)';
      td.style.backgroundColor = `color-mix(in srgb, ${colour} ${pct}%, transparent)`;
      if (!Number.isFinite(x)) td.classList.add('nonfinite');
      tr.append(td);
    }
    table.append(tr);
  }
  const shown = Math.min(rows, MAX_ROWS) * Math.min(cols, MAX_COLS);
  const wrap = h('div', { class: 'heatmap-wrap' }, h('div', { class: 'caption' }, label, h('span', { class: 'muted' }, `  [${shape.join(', ')}]`)), table);
  if (shown < tensor.data.length) wrap.append(h('div', { class: 'muted' }, t(locale, 'shown', shown, tensor.data.length)));
  return wrap;
}

/** Fills the result section: value, explanation, per-element losses and gradients. */
export function renderResults(section: HTMLElement, outcome: CalcOutcome, locale: Locale): void {
  section.replaceChildren(h('h2', {}, t(locale, 'result')));
  if (outcome.error) {
    section.append(h('div', { class: 'error-box', role: 'alert', id: 'result-error' }, outcome.error));
    return;
  }
  const r = outcome.result;
  if (!r) {
    section.append(h('p', { class: 'muted', id: 'result-pending' }, t(locale, 'notComputed')));
    return;
  }
  const value = scalarValue(r.output);
  const reduced = r.output.shape.length === 0;
  section.append(
    h(
      'div',
      { class: 'value-line' },
      h('span', { class: 'muted' }, t(locale, 'value')),
      h('output', { id: 'result-value', 'data-value': String(value), 'aria-live': 'polite', title: String(value) }, reduced ? displayNumber(value, 6) : `Σ = ${displayNumber(value, 6)}`),
      h('span', { class: 'muted' }, r.output.dtype),
    ),
    h('p', { id: 'result-explanation', class: 'explanation' }, r.explanation),
  );
  const grid = h('div', { class: 'tables' });
  if (r.perElement) grid.append(heatmap(r.perElement, t(locale, 'perElement'), false, locale));
  else if (!reduced) grid.append(heatmap(r.output, t(locale, 'output'), false, locale));
  const grads = Object.entries(r.grad);
  for (const [name, g] of grads) grid.append(heatmap(g, t(locale, 'gradientOf', name), true, locale));
  section.append(grid);
  if (grads.length === 0) section.append(h('p', { class: 'muted' }, t(locale, 'noGradient')));
}
