import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import {
  RULES, analyze, applyEdits, cellAt, explainRule, findRule, joinCells, notebookCode, ruleDocsUrl, rulesMarkdownTable, rulesText,
  Workspace, type Diagnostic, type PythonGrammar,
} from '../analysis';
import { fileSystemHost, workspacePath } from './sourceHost';
import type { Locale } from '../catalogue';
import { cliGrammar } from './grammar';

const CHECK_USAGE = `usage: loss-lens check [--format text|json|sarif] [--select CODES] [--ignore CODES] [--fix] [--lang en|zh-cn] PATH...

  PATH            .py files, .ipynb notebooks, or directories (searched recursively)
  --format        text (default), json, or sarif (SARIF 2.1.0)
  --select CODES  comma-separated codes, code prefixes (LL1) or slugs to run; default all
  --ignore CODES  comma-separated codes, prefixes or slugs to skip
  --fix           apply each finding's preferred fix in place, then report what remains
  --lang          language of messages: en (default) or zh-cn
exit status: 0 no findings, 1 findings, 2 usage or input error
`;

class UsageError extends Error {}

interface CheckArgs {
  format: 'text' | 'json' | 'sarif';
  select?: Set<string>;
  ignore?: Set<string>;
  fix: boolean;
  locale: Locale;
  paths: string[];
}

/** `LL1` selects every LL1xx code; slugs select their rule. */
function selectors(value: string, flag: string): Set<string> {
  const out = new Set<string>();
  for (const raw of value.split(',').map((s) => s.trim()).filter(Boolean)) {
    const exact = findRule(raw);
    const matched = exact ? [exact] : RULES.filter((r) => r.meta.code.startsWith(raw.toUpperCase()) && /^LL\d*$/i.test(raw));
    if (matched.length === 0) throw new UsageError(`${flag}: unknown rule '${raw}'; expected a code (LL101), a code prefix (LL1) or a slug (bce-on-logits)`);
    for (const r of matched) out.add(r.meta.code);
  }
  return out;
}

function parseLang(v: string): Locale {
  if (v === 'en') return 'en';
  if (v === 'zh-cn' || v === 'zh') return 'zh';
  throw new UsageError(`--lang: expected en or zh-cn, got '${v}'`);
}

function parseCheckArgs(argv: string[]): CheckArgs {
  const a: CheckArgs = { format: 'text', fix: false, locale: 'en', paths: [] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const flag = eq > 0 ? arg.slice(0, eq) : arg;
    const value = (): string => {
      if (eq > 0) return arg.slice(eq + 1);
      const v = argv[++i];
      if (v === undefined) throw new UsageError(`${flag}: missing value`);
      return v;
    };
    switch (flag) {
      case '--format': {
        const f = value();
        if (f !== 'text' && f !== 'json' && f !== 'sarif') throw new UsageError(`--format: expected text, json or sarif, got '${f}'`);
        a.format = f;
        break;
      }
      case '--select':
        a.select = selectors(value(), '--select');
        break;
      case '--ignore':
        a.ignore = selectors(value(), '--ignore');
        break;
      case '--fix':
        a.fix = true;
        break;
      case '--lang':
        a.locale = parseLang(value());
        break;
      default:
        if (arg.startsWith('-') && arg !== '-') throw new UsageError(`unknown option '${arg}'`);
        a.paths.push(arg);
    }
  }
  if (a.paths.length === 0) throw new UsageError('expected at least one PATH');
  return a;
}

const SKIP_DIRS = new Set(['node_modules', '__pycache__', '.git', '.hg', '.venv', 'venv', '.tox', '.mypy_cache', '.ipynb_checkpoints']);

function collectFiles(paths: string[]): string[] {
  const out: string[] = [];
  const visit = (p: string, explicit: boolean): void => {
    const st = statSync(p);
    if (st.isDirectory()) {
      for (const name of readdirSync(p).sort()) {
        if (SKIP_DIRS.has(name) || name.startsWith('.')) continue;
        visit(join(p, name), false);
      }
    } else if (explicit || p.endsWith('.py') || p.endsWith('.ipynb')) out.push(p);
  };
  for (const p of paths) {
    if (!existsSync(p)) throw new UsageError(`no such file or directory: ${p}`);
    visit(p, true);
  }
  return out;
}

interface Finding {
  file: string;
  cell?: number;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  code: string;
  rule: string;
  severity: string;
  message: string;
  fixable: boolean;
  /** Where another file decided the finding (its fix belongs there). */
  related?: { file: string; line: number; column: number };
}

function position(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart + 1 };
}

function toFinding(file: string, text: string, d: Diagnostic, cell?: number): Finding {
  const s = position(text, d.start);
  const e = position(text, d.end);
  return {
    file, ...(cell === undefined ? {} : { cell }), line: s.line, column: s.column, endLine: e.line, endColumn: e.column,
    code: d.code, rule: d.slug, severity: d.severity, message: d.message, fixable: d.fixes.some((f) => f.preferred),
    ...(d.related ? { related: { file: relative(process.cwd(), d.related.path) || d.related.path, line: d.related.line, column: d.related.column + 1 } } : {}),
  };
}

/** How one run checks files: the grammar, the options, and the workspace its imports resolve in. */
interface CheckRun {
  readonly grammar: PythonGrammar;
  readonly args: CheckArgs;
  readonly workspace: Workspace;
  readonly onRuleError: (code: string, e: unknown) => void;
}

function run(r: CheckRun, file: string, text: string): Diagnostic[] {
  const { args: a, onRuleError } = r;
  // The workspace's own copy, so other files' calls and imports of this one meet the same nodes.
  const doc = r.workspace.load(workspacePath(file), text);
  try {
    return analyze(doc, { locale: a.locale, select: a.select, ignore: a.ignore, onRuleError });
  } finally {
    // Files that import it read it again; what they already computed from it stays valid.
    r.workspace.release(workspacePath(file));
  }
}

/** Applies preferred fixes until none apply (each pass may unlock the next), at most a few passes. */
function fixText(r: CheckRun, file: string, text: string): string {
  for (let pass = 0; pass < 4; pass++) {
    const edits = run(r, file, text).flatMap((d) => d.fixes.filter((f) => f.preferred).flatMap((f) => f.edits));
    if (edits.length === 0) break;
    const next = applyEdits(text, edits);
    if (next === text) break;
    text = next;
  }
  return text;
}

function checkPython(r: CheckRun, file: string): Finding[] {
  let text = readFileSync(file, 'utf8');
  if (r.args.fix) {
    const fixed = fixText(r, file, text);
    if (fixed !== text) {
      writeFileSync(file, fixed);
      r.workspace.changed(workspacePath(file));
    }
    text = fixed;
  }
  return run(r, file, text).map((d) => toFinding(file, text, d));
}

function checkNotebook(r: CheckRun, file: string): Finding[] {
  const a = r.args;
  let nb: { cells: { source: unknown }[] };
  try {
    nb = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new UsageError(`${file}: not valid notebook JSON (${(e as Error).message})`);
  }
  let code;
  try {
    code = notebookCode(nb);
  } catch (e) {
    throw new UsageError(`${file}: ${(e as Error).message}`);
  }
  if (a.fix) {
    let changed = false;
    code.sources.forEach((src, i) => {
      // Each cell is fixed on its own, with the notebook's earlier cells as context for imports.
      const before = code.sources.slice(0, i);
      const joined = joinCells([...before, src]);
      const start = joined.starts[i];
      const fixedAll = fixText(r, file, joined.text);
      if (fixedAll.slice(0, start) !== joined.text.slice(0, start)) return;
      const fixed = unmask(src, fixedAll.slice(start, fixedAll.length - 1));
      if (fixed === src) return;
      code.sources[i] = fixed;
      const cell = nb.cells[code.cellIndexes[i]];
      cell.source = fixed.split(/(?<=\n)/);
      changed = true;
    });
    if (changed) writeFileSync(file, JSON.stringify(nb, null, 1) + '\n');
  }
  const joined = joinCells(code.sources);
  return run(r, file, joined.text).map((d) => {
    const s = cellAt(joined, d.start);
    const cellText = code.sources[s.cell];
    const shifted = { ...d, start: s.offset, end: Math.min(d.end - joined.starts[s.cell], cellText.length) };
    return toFinding(file, cellText, shifted, code.cellIndexes[s.cell] + 1);
  });
}

/** Puts back the IPython magics that `joinCells` turned into comments. */
function unmask(original: string, fixed: string): string {
  const magics = new Map<string, string>();
  for (const line of original.split('\n')) if (/^[ \t]*[%!]/.test(line)) magics.set(line.replace(/^([ \t]*)[%!]/, '$1#'), line);
  if (magics.size === 0) return fixed;
  return fixed.split('\n').map((l) => magics.get(l) ?? l).join('\n');
}

function sarif(findings: Finding[]): unknown {
  const level = (s: string) => (s === 'info' ? 'note' : s);
  return {
    version: '2.1.0',
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    runs: [
      {
        tool: {
          driver: {
            name: 'loss-lens',
            informationUri: ruleDocsUrl('').replace(/#$/, ''),
            rules: RULES.map((r) => ({
              id: r.meta.code,
              name: r.meta.slug,
              shortDescription: { text: r.meta.docs.summary.en },
              fullDescription: { text: r.meta.docs.why.en },
              helpUri: ruleDocsUrl(r.meta.code),
              defaultConfiguration: { level: level(r.meta.severity) },
            })),
          },
        },
        results: findings.map((f) => ({
          ruleId: f.code,
          ruleIndex: RULES.findIndex((r) => r.meta.code === f.code),
          level: level(f.severity),
          message: { text: f.message },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: relative(process.cwd(), f.file).split('\\').join('/') },
                region: { startLine: f.line, startColumn: f.column, endLine: f.endLine, endColumn: f.endColumn },
              },
            },
          ],
        })),
      },
    ],
  };
}

export async function runCheck(argv: string[]): Promise<number> {
  let a: CheckArgs;
  let files: string[];
  try {
    a = parseCheckArgs(argv);
    files = collectFiles(a.paths);
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`loss-lens check: ${e.message}\n${CHECK_USAGE}`);
      return 2;
    }
    throw e;
  }
  const grammar = await cliGrammar();
  const failedRules = new Set<string>();
  const onRuleError = (code: string, e: unknown) => {
    if (failedRules.has(code)) return;
    failedRules.add(code);
    process.stderr.write(`loss-lens: rule ${code} failed and was skipped: ${(e as Error)?.message ?? e}\n`);
  };
  const findings: Finding[] = [];
  let inputError = false;
  // One workspace for the whole run: each imported module is parsed and summarised once.
  const r: CheckRun = { grammar, args: a, onRuleError, workspace: new Workspace(grammar, fileSystemHost(files.filter((f) => f.endsWith('.py')).map(workspacePath)), a.paths.map(workspacePath)) };
  for (const file of files) {
    try {
      findings.push(...(file.endsWith('.ipynb') ? checkNotebook(r, file) : checkPython(r, file)));
    } catch (e) {
      inputError = true;
      process.stderr.write(`loss-lens check: ${e instanceof UsageError ? e.message : `${file}: ${(e as Error).message}`}\n`);
    }
  }
  if (a.format === 'json') process.stdout.write(JSON.stringify(findings, null, 2) + '\n');
  else if (a.format === 'sarif') process.stdout.write(JSON.stringify(sarif(findings), null, 2) + '\n');
  else {
    for (const f of findings) {
      const where = f.cell === undefined ? `${f.file}:${f.line}:${f.column}` : `${f.file}:cell ${f.cell}:${f.line}:${f.column}`;
      process.stdout.write(`${where}: ${f.code} ${f.fixable ? '[*] ' : ''}${f.message}\n`);
    }
    const fixable = findings.filter((f) => f.fixable).length;
    if (findings.length > 0) {
      const zh = a.locale === 'zh';
      process.stdout.write(
        zh
          ? `发现 ${findings.length} 个问题${fixable ? `（其中 ${fixable} 个可用 --fix 修复）` : ''}。\n`
          : `Found ${findings.length} problem${findings.length === 1 ? '' : 's'}${fixable ? ` (${fixable} fixable with --fix)` : ''}.\n`,
      );
    }
  }
  if (inputError) return 2;
  return findings.length > 0 ? 1 : 0;
}

export function runRules(argv: string[]): number {
  let locale: Locale = 'en';
  let format = 'text';
  try {
    for (let i = 0; i < argv.length; i++) {
      if (argv[i] === '--lang') locale = parseLang(argv[++i] ?? '');
      else if (argv[i] === '--format') format = argv[++i] ?? '';
      else throw new UsageError(`unknown argument '${argv[i]}'`);
    }
    if (format !== 'text' && format !== 'markdown') throw new UsageError(`--format: expected text or markdown, got '${format}'`);
  } catch (e) {
    process.stderr.write(`loss-lens rules: ${(e as Error).message}\nusage: loss-lens rules [--format text|markdown] [--lang en|zh-cn]\n`);
    return 2;
  }
  process.stdout.write(format === 'markdown' ? rulesMarkdownTable(locale) : rulesText(locale));
  return 0;
}

export function runExplain(argv: string[]): number {
  let locale: Locale = 'en';
  const names: string[] = [];
  try {
    for (let i = 0; i < argv.length; i++) {
      if (argv[i] === '--lang') locale = parseLang(argv[++i] ?? '');
      else names.push(argv[i]);
    }
    if (names.length !== 1) throw new UsageError('expected one rule code or slug');
  } catch (e) {
    process.stderr.write(`loss-lens explain: ${(e as Error).message}\nusage: loss-lens explain CODE|SLUG [--lang en|zh-cn]\n`);
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
