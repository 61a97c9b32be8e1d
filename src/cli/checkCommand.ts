import { statSync } from 'node:fs';
import { availableParallelism, freemem } from 'node:os';
import { TextDecoder } from 'node:util';
import { Workspace, analyze, applyEdits, cellAt, explainRule, findRule, joinCells, notebookCode, rulesMarkdownTable, rulesText, type Diagnostic, type PythonGrammar } from '../analysis';
import type { Locale } from '../catalogue';
import { NotReadable, readRegularFile } from '../node/readRegularFile';
import { replaceFile } from '../node/replaceFile';
import { decodeSource } from '../node/sourceText';
import { CHECK_USAGE, UsageError, parseCheckArgs, parseLang, type CheckArgs } from './checkArgs';
import { formatFindings, toFinding, type Finding } from './checkReport';
import { checkInWorkers } from './checkPool';
import { collectFiles } from './collectFiles';
import { cliGrammar } from './grammar';
import { patchCellSources } from './notebookSource';
import { fileSystemHost, workspacePath } from './sourceHost';

/** Larger files are reported as skipped, not read: generated code or data, and a bound on one file's work. */
const MAX_FILE_BYTES = 8 * 1024 * 1024;

/** How one run checks files: the grammar, the options, and the workspace its imports resolve in. */
export interface CheckRun {
  readonly grammar: PythonGrammar;
  readonly args: CheckArgs;
  readonly workspace: Workspace;
}

/** What checking one file gave: its findings, and one line for each thing that could not be done. */
export interface FileResult {
  readonly findings: Finding[];
  readonly errors: string[];
}

function message(e: unknown): string {
  return (e as Error)?.message ?? String(e);
}

/**
 * Analyses one version of a file. What could not be analysed goes into `failed` (by rule code), so a
 * crash in one rule or a tree too deep to read is reported rather than read as "no findings".
 */
function run(r: CheckRun, file: string, text: string, failed: Map<string, string>): Diagnostic[] {
  const { args: a } = r;
  // The workspace's own copy, so other files' calls and imports of this one meet the same nodes.
  const doc = r.workspace.load(workspacePath(file), text);
  try {
    if (doc.failure !== undefined) failed.set('syntax', `its syntax tree could not be read (${message(doc.failure)})`);
    const onRuleError = (code: string, e: unknown): void => {
      if (!failed.has(code)) failed.set(code, `${code === 'semantic' ? 'the semantic analysis' : `rule ${code}`} failed (${message(e)})`);
    };
    return analyze(doc, { locale: a.locale, select: a.select, ignore: a.ignore, onRuleError });
  } finally {
    // Files that import it read it again; what they already computed from it stays valid.
    r.workspace.release(workspacePath(file));
  }
}

/** Applies preferred fixes until none apply (each pass may unlock the next), at most a few passes. */
function fixText(r: CheckRun, file: string, text: string, failed: Map<string, string>): string {
  for (let pass = 0; pass < 4; pass++) {
    const edits = run(r, file, text, failed).flatMap((d) => d.fixes.filter((f) => f.preferred).flatMap((f) => f.edits));
    if (edits.length === 0) break;
    const next = applyEdits(text, edits);
    if (next === text) break;
    text = next;
  }
  return text;
}

function checkPython(r: CheckRun, file: string, failed: Map<string, string>): FileResult {
  const src = decodeSource(readRegularFile(file, MAX_FILE_BYTES));
  if (src.kind === 'notText') return { findings: [], errors: [`${file}: ${src.why}`] };
  const errors: string[] = [];
  let text = src.text;
  if (r.args.fix) {
    const fixed = fixText(r, file, text, failed);
    if (fixed !== text) {
      const bytes = src.kind === 'text' ? src.encode(fixed) : undefined;
      if (!bytes) errors.push(`${file}: not fixed: ${src.kind === 'readOnly' ? src.why : 'a fix would insert characters its coding cannot hold'}`);
      else {
        try {
          replaceFile(file, bytes);
          r.workspace.changed(workspacePath(file));
          text = fixed;
        } catch (e) {
          errors.push(`${file}: not fixed: ${message(e)}`);
        }
      }
    }
  }
  return { findings: run(r, file, text, failed).map((d) => toFinding(file, text, d)), errors };
}

function checkNotebook(r: CheckRun, file: string, failed: Map<string, string>): FileResult {
  let json: string;
  try {
    json = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(readRegularFile(file, MAX_FILE_BYTES));
  } catch (e) {
    if (e instanceof TypeError) return { findings: [], errors: [`${file}: not text: a notebook must be UTF-8 JSON`] };
    throw e;
  }
  let code;
  try {
    code = notebookCode(JSON.parse(json));
  } catch (e) {
    return { findings: [], errors: [`${file}: ${e instanceof SyntaxError ? `not valid notebook JSON (${e.message})` : message(e)}`] };
  }
  const errors: string[] = [];
  if (r.args.fix) {
    const original = [...code.sources];
    const changed = new Map<number, { before: string; after: string }>();
    let candidates = cellsToFix(r, file, code.sources, failed);
    code.sources.forEach((src, i) => {
      if (!candidates.has(i)) return;
      // Each cell is fixed on its own, with the notebook's (fixed) earlier cells as context for imports.
      const joined = joinCells([...code.sources.slice(0, i), src]);
      const start = joined.starts[i];
      const fixedAll = fixText(r, file, joined.text, failed);
      if (fixedAll.slice(0, start) !== joined.text.slice(0, start)) return;
      const fixed = unmask(src, fixedAll.slice(start, fixedAll.length - 1));
      if (fixed === src) return;
      code.sources[i] = fixed;
      changed.set(code.cellIndexes[i], { before: src, after: fixed });
      // A fix may give later cells a finding (or a fix) they did not have.
      candidates = cellsToFix(r, file, code.sources, failed);
    });
    if (changed.size > 0) {
      try {
        replaceFile(file, Buffer.from(patchCellSources(json, changed), 'utf8'));
      } catch (e) {
        errors.push(`${file}: not fixed: ${message(e)}`);
        code.sources.splice(0, code.sources.length, ...original);
      }
    }
  }
  const joined = joinCells(code.sources);
  const findings = run(r, file, joined.text, failed).map((d) => {
    const s = cellAt(joined, d.start);
    const cellText = code.sources[s.cell];
    const shifted = { ...d, start: s.offset, end: Math.min(d.end - joined.starts[s.cell], cellText.length) };
    return toFinding(file, cellText, shifted, code.cellIndexes[s.cell] + 1);
  });
  return { findings, errors };
}

/**
 * The cells a preferred fix could touch, by the whole notebook's findings: only these are fixed one by
 * one (each with its earlier cells as context), so a notebook's cost grows with its fixable cells, not
 * with the square of its length.
 */
function cellsToFix(r: CheckRun, file: string, sources: readonly string[], failed: Map<string, string>): Set<number> {
  const joined = joinCells(sources);
  const cells = new Set<number>();
  for (const d of run(r, file, joined.text, failed)) {
    const fixes = d.fixes.filter((f) => f.preferred);
    if (fixes.length === 0) continue;
    cells.add(cellAt(joined, d.start).cell);
    for (const e of fixes.flatMap((f) => f.edits)) cells.add(cellAt(joined, e.start).cell);
  }
  return cells;
}

/** Puts back the IPython magics that `joinCells` turned into comments. */
function unmask(original: string, fixed: string): string {
  const magics = new Map<string, string>();
  for (const line of original.split('\n')) if (/^[ \t]*[%!]/.test(line)) magics.set(line.replace(/^([ \t]*)[%!]/, '$1#'), line);
  if (magics.size === 0) return fixed;
  return fixed.split('\n').map((l) => magics.get(l) ?? l).join('\n');
}

/** Checks one file; never throws, so one bad file cannot end the run. */
export function checkFile(r: CheckRun, file: string): FileResult {
  const failed = new Map<string, string>();
  let result: FileResult;
  try {
    result = file.endsWith('.ipynb') ? checkNotebook(r, file, failed) : checkPython(r, file, failed);
  } catch (e) {
    result = { findings: [], errors: [e instanceof NotReadable ? `${file}: ${e.message}` : `could not analyse ${file}: ${message(e)}`] };
  }
  if (failed.size > 0) result.errors.push(`could not analyse ${file}: ${[...failed.values()].join('; ')}`);
  return result;
}

/**
 * One workspace per thread for the whole run: each imported module is parsed and summarised once
 * (per thread). `files` are every file of the run, where callers of a module's functions are looked for.
 */
export async function newCheckRun(args: CheckArgs, files: readonly string[]): Promise<CheckRun> {
  const grammar = await cliGrammar();
  const workspace = new Workspace(grammar, fileSystemHost(files.filter((f) => f.endsWith('.py')).map(workspacePath)), args.paths.map(workspacePath));
  return { grammar, args, workspace };
}

/** A worker costs a grammar load and its own module index: below this many files per worker, fewer workers finish sooner. */
const MIN_FILES_PER_JOB = 16;

/**
 * Memory a thread may come to hold per byte of the run's source: the caller search reads most modules
 * of a tree into each thread's index (measured: 33× on transformers' 53 MB, 44× on timm's 9 MB).
 */
const MEMORY_PER_SOURCE_BYTE = 48;

function sourceBytes(files: readonly string[]): number {
  let n = 0;
  for (const f of files) {
    try {
      n += statSync(f).size;
    } catch {
      // Reported when the file is checked.
    }
  }
  return n;
}

/**
 * How many threads check the files: `--jobs`, else the number of cores, fewer for a few files or when
 * that many copies of the module index would not fit in half the free memory. `--fix` rewrites files
 * that other files' analyses read as modules, so it runs on one thread: no worker can read a file
 * another is fixing.
 */
function jobsFor(a: CheckArgs, files: readonly string[]): number {
  if (a.fix) return 1;
  let wanted = a.jobs ?? Math.min(availableParallelism(), Math.floor(files.length / MIN_FILES_PER_JOB));
  if (a.jobs === undefined && wanted > 1) wanted = Math.min(wanted, Math.floor(freemem() / 2 / (MEMORY_PER_SOURCE_BYTE * sourceBytes(files) + 1)));
  return Math.max(1, Math.min(wanted, files.length));
}

export async function runCheck(argv: string[]): Promise<number> {
  let a: CheckArgs | undefined;
  try {
    a = parseCheckArgs(argv);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    process.stderr.write(`loss-lens check: ${e.message}\n${CHECK_USAGE}`);
    return 2;
  }
  if (!a) {
    process.stdout.write(CHECK_USAGE);
    return 0;
  }
  const { files, problems } = collectFiles(a.paths);
  for (const p of problems) process.stderr.write(`loss-lens check: ${p.path}: ${p.message}\n`);
  let inputError = problems.length > 0;
  const findings: Finding[] = [];
  const report = (result: FileResult): void => {
    findings.push(...result.findings);
    for (const line of result.errors) process.stderr.write(`loss-lens check: ${line}\n`);
    if (result.errors.length > 0) inputError = true;
  };
  const jobs = jobsFor(a, files);
  if (jobs > 1) await checkInWorkers(a, files, jobs, report);
  else {
    const r = await newCheckRun(a, files);
    for (const file of files) report(checkFile(r, file));
  }
  process.stdout.write(formatFindings(findings, a));
  if (inputError) return 2;
  return findings.length > 0 ? 1 : 0;
}

export function runRules(argv: string[]): number {
  let locale: Locale = 'en';
  let format = 'text';
  try {
    for (let i = 0; i < argv.length; i++) {
      if (argv[i] === '--help' || argv[i] === '-h') {
        process.stdout.write(RULES_USAGE);
        return 0;
      }
      if (argv[i] === '--lang') locale = parseLang(argv[++i] ?? '');
      else if (argv[i] === '--format') format = argv[++i] ?? '';
      else throw new UsageError(`unknown argument '${argv[i]}'`);
    }
    if (format !== 'text' && format !== 'markdown') throw new UsageError(`--format: expected text or markdown, got '${format}'`);
  } catch (e) {
    process.stderr.write(`loss-lens rules: ${(e as Error).message}\n${RULES_USAGE}`);
    return 2;
  }
  process.stdout.write(format === 'markdown' ? rulesMarkdownTable(locale) : rulesText(locale));
  return 0;
}

const RULES_USAGE = 'usage: loss-lens rules [--format text|markdown] [--lang en|zh-cn]\n';
const EXPLAIN_USAGE = 'usage: loss-lens explain CODE|SLUG|LOSS [--lang en|zh-cn]\n';

export function runExplain(argv: string[]): number {
  let locale: Locale = 'en';
  const names: string[] = [];
  try {
    for (let i = 0; i < argv.length; i++) {
      if (argv[i] === '--help' || argv[i] === '-h') {
        process.stdout.write(EXPLAIN_USAGE);
        return 0;
      }
      if (argv[i] === '--lang') locale = parseLang(argv[++i] ?? '');
      else names.push(argv[i]);
    }
    if (names.length !== 1) throw new UsageError('expected one rule code or slug');
  } catch (e) {
    process.stderr.write(`loss-lens explain: ${(e as Error).message}\n${EXPLAIN_USAGE}`);
    return 2;
  }
  const rule = findRule(names[0]);
  if (!rule) {
    process.stderr.write(`loss-lens explain: unknown rule '${names[0]}'; run 'loss-lens rules' for the list\n`);
    return 2;
  }
  process.stdout.write(explainRule(rule, locale));
  return 0;
}
