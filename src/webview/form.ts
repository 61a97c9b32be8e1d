import type { Locale, LossSignature, ParamSpec } from '../catalogue';
import { BOOL_CHOICES, DISTANCE_CHOICES, LEGACY_CHOICES } from '../calculator/params';
import type { CalcOutcome } from '../calculator/session';
import type { LiteralError } from '../calculator/literal';
import type { LossForm } from '../protocol/calculator';
import { h } from './dom';
import { t } from './strings';

export type FieldKind = 'param' | 'arg';

export interface FormHandle {
  /** Shows per-field errors and the shape/dtype of parsed arguments; never touches the field texts. */
  update(outcome: CalcOutcome): void;
}

function fieldId(kind: FieldKind, name: string): string {
  return `${kind}-${name}`;
}

function choicesFor(spec: ParamSpec): readonly string[] | undefined {
  if (spec.type === 'reduction') return spec.choices;
  if (spec.type === 'legacy') return LEGACY_CHOICES;
  if (spec.type === 'bool') return BOOL_CHOICES;
  if (spec.type === 'distance') return DISTANCE_CHOICES;
  return undefined;
}

function paramDoc(spec: ParamSpec, locale: Locale): string | undefined {
  const doc = (spec as ParamSpec & { doc?: { en: string; zh: string } }).doc;
  return doc?.[locale];
}

function paramInput(spec: ParamSpec, value: string, locale: Locale, onInput: (text: string) => void): HTMLElement {
  const id = fieldId('param', spec.name);
  const choices = choicesFor(spec);
  if (choices) {
    const sel = h('select', { id, 'aria-describedby': `${id}-error` }, ...choices.map((c) => h('option', { value: c, selected: c === value }, c)));
    // A preset may carry a value outside the choices (e.g. 'batchmean' elsewhere): keep it visible.
    if (!choices.includes(value)) sel.append(h('option', { value, selected: true }, value));
    sel.addEventListener('change', () => onInput(sel.value));
    return sel;
  }
  if (spec.type === 'tensor') {
    const ta = h('textarea', { id, rows: 1, spellcheck: 'false', placeholder: t(locale, 'tensorParamHint'), 'aria-describedby': `${id}-error` });
    ta.value = value;
    ta.addEventListener('input', () => onInput(ta.value));
    return ta;
  }
  const input = h('input', { id, type: 'text', spellcheck: 'false', inputmode: spec.type === 'int' || spec.type === 'float' ? 'decimal' : undefined, 'aria-describedby': `${id}-error` });
  input.value = value;
  input.addEventListener('input', () => onInput(input.value));
  return input;
}

/** Builds the parameter and argument fields of one loss. Typing calls `onInput`; nothing here computes. */
export function buildForm(
  params: HTMLElement,
  args: HTMLElement,
  sig: LossSignature,
  form: LossForm,
  locale: Locale,
  onInput: (kind: FieldKind, name: string, text: string) => void,
): FormHandle {
  params.replaceChildren(h('h2', {}, t(locale, 'parameters')));
  const grid = h('div', { class: 'param-grid' });
  for (const spec of sig.params) {
    const id = fieldId('param', spec.name);
    const doc = paramDoc(spec, locale);
    grid.append(
      h('label', { for: id, title: doc }, spec.name, spec.type === 'legacy' ? h('span', { class: 'muted' }, ` (${t(locale, 'deprecated')})`) : null),
      h('div', { class: 'field' }, paramInput(spec, form.params[spec.name] ?? '', locale, (text) => onInput('param', spec.name, text)), h('div', { id: `${id}-error`, class: 'field-error', role: 'alert' })),
    );
  }
  params.append(grid);

  args.replaceChildren(h('h2', {}, t(locale, 'arguments')), h('p', { class: 'muted hint' }, t(locale, 'argHint')));
  for (const a of sig.forward) {
    const id = fieldId('arg', a.name);
    const ta = h('textarea', { id, rows: 2, spellcheck: 'false', 'aria-describedby': `${id}-meta ${id}-error` });
    ta.value = form.args[a.name] ?? '';
    ta.addEventListener('input', () => onInput('arg', a.name, ta.value));
    args.append(
      h(
        'div',
        { class: 'arg' },
        h('label', { for: id }, a.name, ' ', h('span', { class: 'muted' }, `— ${t(locale, `kind_${a.kind}`)}`)),
        ta,
        h('div', { id: `${id}-meta`, class: 'arg-meta muted' }),
        h('div', { id: `${id}-error`, class: 'field-error', role: 'alert' }),
      ),
    );
  }

  return {
    update(outcome) {
      for (const spec of sig.params) showError('param', spec.name, outcome.fieldErrors[spec.name], locale);
      for (const a of sig.forward) {
        showError('arg', a.name, outcome.fieldErrors[a.name], locale);
        const meta = document.getElementById(`${fieldId('arg', a.name)}-meta`);
        const info = outcome.argInfo[a.name];
        if (meta) meta.textContent = info ? (info.scalar ? t(locale, 'pythonFloat') : t(locale, 'shapeDtype', `[${info.shape.join(', ')}]`, info.dtype)) : '';
      }
    },
  };
}

/** Shows an error under its field with an excerpt marking the offending character; the text stays as typed. */
function showError(kind: FieldKind, name: string, error: LiteralError | undefined, locale: Locale): void {
  const id = fieldId(kind, name);
  const field = document.getElementById(id) as HTMLTextAreaElement | HTMLInputElement | null;
  const box = document.getElementById(`${id}-error`);
  if (!field || !box) return;
  if (!error) {
    field.removeAttribute('aria-invalid');
    box.replaceChildren();
    return;
  }
  field.setAttribute('aria-invalid', 'true');
  const text = field.value ?? '';
  const children: (Node | string)[] = [error.message];
  if (text.length > 0 && !(error.offset === 0 && error.length >= text.length)) {
    const { line, column } = lineColumn(text, error.offset);
    const from = Math.max(0, error.offset - 24);
    const to = Math.min(text.length, error.offset + error.length + 24);
    children.push(
      ' ',
      h('span', { class: 'muted' }, `(${line > 1 ? `${line}:` : ''}${t(locale, 'errorAt', column)})`),
      h(
        'code',
        { class: 'excerpt' },
        (from > 0 ? '…' : '') + text.slice(from, error.offset),
        h('mark', {}, text.slice(error.offset, error.offset + error.length) || ' '),
        text.slice(error.offset + error.length, to) + (to < text.length ? '…' : ''),
      ),
    );
    const go = h('button', { type: 'button', class: 'link' }, t(locale, 'showError'));
    go.addEventListener('click', () => {
      field.focus();
      field.setSelectionRange(error.offset, error.offset + error.length);
    });
    children.push(go);
  }
  box.replaceChildren(...children);
}

function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, column: before[before.length - 1].length + 1 };
}
