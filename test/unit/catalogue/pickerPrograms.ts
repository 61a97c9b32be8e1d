// Every answer path of the loss picker, turned into a complete Python program: realistic values for the
// snippet's placeholders, the imports the picker would add, then the inserted snippet. The unit tests
// analyze these programs; scripts/gen_picker_fixtures.py runs them under PyTorch.
import { OUTPUTS, TASKS, TARGETS, recommend, type Answers, type TaskId } from '../../../src/catalogue/picker';
import { importEdit, snippetPlain } from '../../../src/catalogue/snippet';

export interface PickerProgram {
  readonly key: string;
  readonly answers: Answers;
  readonly id: string;
  readonly program: string;
}

const C = 5;

/** Python defining each placeholder the way a training script would, for the given answers. */
function context(a: Answers): string[] {
  const lines = ['torch.manual_seed(0)', 'x = torch.randn(8, 16)'];
  const out = (head: string) => {
    if (a.output === 'probabilities') lines.push(`probs = ${a.task === 'multiClass' ? 'torch.softmax' : 'torch.sigmoid'}(${head}(x)${a.task === 'multiClass' ? ', dim=1' : ''})`);
    if (a.output === 'logProbabilities') lines.push(`log_probs = F.log_softmax(${head}(x), dim=1)`);
    lines.push(`logits = ${head}(x)`);
  };
  const tasks: Record<TaskId, () => void> = {
    regression: () => lines.push(`pred = nn.Linear(16, 3)(x)`, 'target = torch.randn(8, 3)'),
    robustRegression: () => lines.push(`pred = nn.Linear(16, 3)(x)`, 'target = torch.randn(8, 3)'),
    binary: () => {
      out('nn.Linear(16, 1)');
      lines.push(a.target === 'plusMinusOne' ? 'target = torch.randint(0, 2, (8, 1)).float() * 2 - 1' : 'target = torch.randint(0, 2, (8, 1))');
    },
    multiClass: () => {
      out(`nn.Linear(16, ${C})`);
      if (a.target === 'oneHot') lines.push(`target = F.one_hot(torch.randint(0, ${C}, (8,)), ${C}).float()`);
      else if (a.target === 'soft') lines.push(`target = torch.softmax(torch.randn(8, ${C}), dim=1)`);
      else lines.push(`target = torch.randint(0, ${C}, (8,))`);
    },
    multiLabel: () => {
      out(`nn.Linear(16, ${C})`);
      lines.push(`targets = torch.randint(0, 2, (8, ${C}))`);
    },
    distribution: () => {
      out(`nn.Linear(16, ${C})`);
      lines.push(`target_probs = torch.softmax(torch.randn(8, ${C}) / 2.0, dim=1)`);
    },
    pairs: () => lines.push('emb1 = nn.Linear(16, 8)(x)', 'emb2 = torch.randn(8, 8)', 'same = torch.randint(0, 2, (8,)).float() * 2 - 1'),
    triplets: () => lines.push('anchor = nn.Linear(16, 8)(x)', 'positive = torch.randn(8, 8)', 'negative = torch.randn(8, 8)'),
    ranking: () => lines.push('score_a = nn.Linear(16, 1)(x).squeeze(1)', 'score_b = torch.randn(8)', 'a_better = torch.randint(0, 2, (8,)).float() * 2 - 1'),
    ctc: () =>
      lines.push(
        `logits = torch.randn(30, 4, ${C}, requires_grad=True)`,
        `targets = torch.randint(1, ${C}, (4, 6))`,
        'input_lengths = torch.full((4,), 30, dtype=torch.long)',
        'target_lengths = torch.randint(3, 7, (4,))',
      ),
    counts: () => lines.push('log_rate = nn.Linear(16, 1)(x).squeeze(1)', 'counts = torch.poisson(torch.full((8,), 3.0))'),
    heteroscedastic: () => lines.push('head = nn.Linear(16, 2)(x)', 'mean = head[:, :1]', 'raw_var = head[:, 1:]', 'target = torch.randn(8, 1)'),
  };
  tasks[a.task]();
  return lines;
}

/** Every combination of task, model output and target format the picker can be asked. */
export function allAnswers(): Answers[] {
  const out: Answers[] = [];
  for (const t of TASKS) {
    for (const output of t.outputs ?? [undefined]) {
      for (const target of t.targets ?? [undefined]) out.push({ task: t.kind, output, target });
    }
  }
  return out;
}

export function answerKey(a: Answers): string {
  return [a.task, a.output, a.target].filter(Boolean).join('/');
}

export function pickerPrograms(): PickerProgram[] {
  const out: PickerProgram[] = [];
  for (const answers of allAnswers()) {
    recommend(answers).forEach((rec, i) => {
      // The script imports what its own code uses; the snippet goes below it and the picker adds
      // whatever imports the snippet needs on top of those.
      const code = context(answers).join('\n') + '\n';
      const own = (['torch', 'nn', 'F'] as const).filter((n) => n === 'torch' || code.includes(`${n}.`));
      const script = importEdit(code, own)!;
      const body = script.text + code + snippetPlain(rec.snippet) + 'loss.backward()\n';
      const edit = importEdit(body, rec.snippet.imports);
      const program = edit ? body.slice(0, edit.offset) + edit.text + body.slice(edit.offset) : body;
      out.push({ key: `${answerKey(answers)}#${i}`, answers, id: rec.id, program });
    });
  }
  return out;
}

export const CHOICES = { OUTPUTS, TARGETS };
