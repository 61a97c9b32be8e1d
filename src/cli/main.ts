import { readEvalInput, writeEvalResults } from './evalCommand';
import { runCheck, runExplain, runRules } from './checkCommand';
import { explainLoss } from './explainLoss';

const USAGE = `usage: loss-lens <command> [options]

commands:
  eval FILE|-        evaluate loss cases (fixture JSON schema) and print results as JSON
  check PATH...      find loss misuse in .py files and notebooks (see loss-lens check --help)
  rules              list the analyzer's rules
  explain CODE|LOSS  print a rule's documentation, or a loss's (e.g. CrossEntropyLoss, F.kl_div)
`;

function runEval(args: string[]): number {
  if (args.length !== 1) {
    process.stderr.write(`loss-lens eval: expected one FILE (or - for stdin)\n${USAGE}`);
    return 2;
  }
  let doc: unknown;
  try {
    doc = JSON.parse(readEvalInput(args[0]));
  } catch (e) {
    process.stderr.write(`loss-lens eval: cannot read ${args[0]}: ${(e as Error).message}\n`);
    return 2;
  }
  try {
    // Each case is written as soon as it is computed: one huge case never holds back or loses the others.
    writeEvalResults(doc, (text) => process.stdout.write(text));
  } catch (e) {
    process.stderr.write(`loss-lens eval: ${args[0]}: ${(e as Error).message}\n`);
    return 2;
  }
  return 0;
}

/** Each command takes its own argv and returns the exit code. */
const COMMANDS: Record<string, (args: string[]) => number | Promise<number>> = {
  eval: runEval,
  check: runCheck,
  rules: runRules,
  explain: (args) => {
    const loss = explainLoss(args);
    if (loss === undefined) return runExplain(args);
    process.stdout.write(loss);
    return 0;
  },
};

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === '-h') {
    process.stdout.write(USAGE);
    return command === undefined ? 2 : 0;
  }
  const run = COMMANDS[command];
  if (!run) {
    process.stderr.write(`loss-lens: unknown command '${command}'\n${USAGE}`);
    return 2;
  }
  return run(rest);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`loss-lens: ${(e as Error)?.stack ?? String(e)}\n`);
    process.exitCode = 2;
  },
);
