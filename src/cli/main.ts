import { readEvalInput, writeEvalResults } from './evalCommand';
import { runCheck, runExplain, runRules } from './checkCommand';
import { isCheckWorker, runCheckWorker } from './checkWorker';
import { explainLoss } from './explainLoss';
import { cliGrammar } from './grammar';
import { runServer } from '../server/main';

const USAGE = `usage: loss-lens <command> [options]

commands:
  eval FILE|-        evaluate loss cases (fixture JSON schema) and print results as JSON
  check PATH...      find loss misuse in .py files and notebooks (see loss-lens check --help)
  rules              list the analyzer's rules
  explain CODE|LOSS  print a rule's documentation, or a loss's (e.g. CrossEntropyLoss, F.kl_div)
  server --stdio     run the language server (LSP) for any editor; --node-ipc for the VS Code client
`;

const EVAL_USAGE = `usage: loss-lens eval FILE|-

Evaluates loss cases ({"cases": [{"id", "loss", "inputs", "params"}]}, the fixture JSON schema) and
prints {"results": [...]} as JSON, each case written as soon as it is computed.
`;

function runEval(args: string[]): number {
  if (args.length === 1 && (args[0] === '--help' || args[0] === '-h')) {
    process.stdout.write(EVAL_USAGE);
    return 0;
  }
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
  server: (args) => runServer(args, cliGrammar),
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

// A reader that stops early (`loss-lens check . | head -1`) closes the pipe: the rest of the output has
// nowhere to go, which is no error of ours, so the run ends with its own exit code and no stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code !== 'EPIPE') throw e;
  });
}

// A worker that fails ends with an error event: the pool reports the file it held as not analysed.
if (isCheckWorker()) void runCheckWorker();
else main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`loss-lens: ${(e as Error)?.stack ?? String(e)}\n`);
    process.exitCode = 2;
  },
);
