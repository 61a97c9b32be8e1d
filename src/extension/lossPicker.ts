import * as vscode from 'vscode';
import { lossById, type Locale } from '../catalogue';
import { OUTPUTS, TARGETS, TASKS, recommend, type Choice, type OutputKind, type Recommendation, type TargetKind, type TaskId } from '../catalogue/picker';
import { renderEntry } from '../catalogue/render';
import { importEdit, snippetPlain, snippetTabstops } from '../catalogue/snippet';
import type { Context } from './context';
import { notebookOf } from './notebookCells';

export const COMMAND = 'lossLens.chooseLoss';
const DOC_SCHEME = 'loss-lens-doc';

/** Arguments that skip the questions (keybindings, other features, tests); `pick` = index of the recommendation. */
export interface ChooseLossArgs {
  readonly task?: TaskId;
  readonly output?: OutputKind;
  readonly target?: TargetKind;
  readonly pick?: number;
}

type Item<T> = vscode.QuickPickItem & { value: T };
const BACK = Symbol('back');

/** One QuickPick step; resolves to the chosen value, BACK, or undefined when dismissed. */
function ask<T>(title: string, step: number, steps: number, items: Item<T>[], withBack: boolean, buttons?: (item: Item<T>) => void): Promise<T | typeof BACK | undefined> {
  return new Promise((resolve) => {
    const qp = vscode.window.createQuickPick<Item<T>>();
    qp.title = title;
    qp.step = step;
    qp.totalSteps = steps;
    qp.items = items;
    qp.matchOnDetail = true;
    qp.buttons = withBack ? [vscode.QuickInputButtons.Back] : [];
    const done = (v: T | typeof BACK | undefined) => {
      resolve(v);
      qp.dispose();
    };
    qp.onDidTriggerButton(() => done(BACK));
    qp.onDidTriggerItemButton((e) => buttons?.(e.item));
    qp.onDidAccept(() => done(qp.selectedItems[0]?.value));
    qp.onDidHide(() => done(undefined));
    qp.show();
  });
}

function choiceItems<K extends string>(choices: readonly Choice<K>[], l: Locale): Item<K>[] {
  return choices.map((c) => ({ label: c.label[l], detail: c.detail[l], value: c.kind }));
}

function docUri(id: string, l: Locale): vscode.Uri {
  return vscode.Uri.from({ scheme: DOC_SCHEME, path: `/${id}.md`, query: l });
}

type Step = 'task' | 'output' | 'target' | 'pick';

/** The questions still to ask: those the task needs and the caller didn't answer. */
function stepsFor(given: ChooseLossArgs, task: TaskId | undefined): Step[] {
  const t = task && TASKS.find((x) => x.kind === task);
  const steps: Step[] = given.task ? [] : ['task'];
  if (t?.outputs && !given.output) steps.push('output');
  if (t?.targets && !given.target) steps.push('target');
  return [...steps, 'pick'];
}

/** Walks task → output → target → recommendation, with Back; undefined when the user gives up. */
async function interview(given: ChooseLossArgs, l: Locale, tr: Context['t']): Promise<Recommendation | undefined> {
  const title = (question: string) => `${tr('Loss Lens: Choose a Loss')} — ${question}`;
  const a: { task?: TaskId; output?: OutputKind; target?: TargetKind } = { ...given };
  const preview = { iconPath: new vscode.ThemeIcon('book'), tooltip: tr('Show documentation') };
  let i = 0;
  for (;;) {
    const steps = stepsFor(given, a.task);
    const t = TASKS.find((x) => x.kind === a.task);
    // Before the task is known, assume a question or two follow it.
    const total = t ? steps.length : steps.length + 1;
    const back = i > 0;
    let v: unknown;
    switch (steps[i]) {
      case 'task':
        v = await ask(title(tr('What is the task?')), i + 1, total, choiceItems(TASKS, l), back);
        if (typeof v === 'string' && v !== a.task) {
          a.task = v as TaskId;
          a.output = given.output;
          a.target = given.target;
        }
        break;
      case 'output':
        v = await ask(title(tr('What does the model output?')), i + 1, total, choiceItems(t!.outputs!.map((k) => OUTPUTS[k]), l), back);
        if (typeof v === 'string') a.output = v as OutputKind;
        break;
      case 'target':
        v = await ask(title(tr('What do the targets look like?')), i + 1, total, choiceItems(t!.targets!.map((k) => TARGETS[k]), l), back);
        if (typeof v === 'string') a.target = v as TargetKind;
        break;
      case 'pick': {
        if (!t) return undefined;
        const recs = recommend({ task: t.kind, output: a.output, target: a.target });
        if (given.pick !== undefined) return recs[given.pick];
        const items: Item<Recommendation>[] = recs.map((r) => ({
          label: lossById(r.id)!.module,
          description: lossById(r.id)!.summary[l],
          detail: r.reason[l],
          value: r,
          buttons: [preview],
        }));
        const openDoc = (item: Item<Recommendation>) => void vscode.commands.executeCommand('markdown.showPreviewToSide', docUri(item.value.id, l));
        v = await ask(title(tr('Recommended losses')), i + 1, total, items, back, openDoc);
        if (v !== undefined && v !== BACK) return v as Recommendation;
        break;
      }
    }
    if (v === undefined) return undefined;
    i = v === BACK ? Math.max(0, i - 1) : i + 1;
  }
}

/** Inserts the snippet at the cursor (or a new file) and the imports it needs at the top. */
async function insert(rec: Recommendation): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (!editor || editor.document.languageId !== 'python') {
    const edit = importEdit('', rec.snippet.imports);
    const doc = await vscode.workspace.openTextDocument({ language: 'python', content: (edit?.text ?? '') + '\n' + snippetPlain(rec.snippet) });
    await vscode.window.showTextDocument(doc);
    return;
  }
  const doc = editor.document;
  // In a notebook, imports in any cell count; missing ones go to the top of the current cell.
  const nb = notebookOf(doc);
  const seen = nb ? nb.getCells().map((c) => c.document.getText()).join('\n') : doc.getText();
  const edit = importEdit(seen, rec.snippet.imports);
  if (edit) {
    const at = nb ? importEdit(doc.getText(), rec.snippet.imports) : edit;
    if (at) await editor.edit((b) => b.insert(doc.positionAt(at.offset), at.text));
  }
  await editor.insertSnippet(new vscode.SnippetString(snippetTabstops(rec.snippet)));
}

/** `Loss Lens: Choose a Loss…` — recommends a loss for the task and inserts a working snippet. */
export function register(ctx: Context): vscode.Disposable {
  const docs: vscode.TextDocumentContentProvider = {
    provideTextDocumentContent(uri) {
      const entry = lossById(uri.path.replace(/^\//, '').replace(/\.md$/, ''));
      const l: Locale = uri.query === 'zh' ? 'zh' : 'en';
      return entry ? renderEntry(entry, { locale: l, formulas: 'all' }) : '';
    },
  };
  return vscode.Disposable.from(
    vscode.workspace.registerTextDocumentContentProvider(DOC_SCHEME, docs),
    vscode.commands.registerCommand(COMMAND, async (args?: ChooseLossArgs) => {
      const chosen = await interview(args ?? {}, ctx.locale(), ctx.t);
      if (!chosen) return undefined;
      await insert(chosen);
      return chosen.id;
    }),
  );
}

