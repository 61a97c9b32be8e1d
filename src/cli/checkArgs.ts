import { parseArgs } from 'node:util';
import { RULES, findRule } from '../analysis';
import type { Locale } from '../catalogue';

export const CHECK_USAGE = `usage: loss-lens check [--format text|json|sarif] [--select CODES] [--ignore CODES] [--fix] [--jobs N] [--lang en|zh-cn] PATH...

  PATH            .py files, .ipynb notebooks, or directories (searched recursively)
  --format        text (default), json, or sarif (SARIF 2.1.0)
  --select CODES  comma-separated codes, code prefixes (LL1) or slugs to run; default all
  --ignore CODES  comma-separated codes, prefixes or slugs to skip
  --fix           apply each finding's preferred fix in place, then report what remains (runs one job)
  --jobs N        files checked in parallel by N worker threads; default: the number of cores,
                  fewer for a few files or when their copies of the modules would not fit in memory
  --lang          language of messages: en (default) or zh-cn
  -h, --help      print this help
exit status: 0 no findings, 1 findings, 2 usage or input error (a file that could not be read, analysed or fixed)
`;

/** A bad command line: the message names the argument, what was expected and what was given. */
export class UsageError extends Error {}

export interface CheckArgs {
  readonly format: 'text' | 'json' | 'sarif';
  readonly select?: ReadonlySet<string>;
  readonly ignore?: ReadonlySet<string>;
  readonly fix: boolean;
  /** Worker threads to check files on (1: this thread only); undefined: as many as pay, up to the number of cores. */
  readonly jobs?: number;
  readonly locale: Locale;
  readonly paths: readonly string[];
}

/** `LL1` selects every LL1xx code; slugs select their rule. An empty list selects nothing, so it is refused. */
export function selectors(value: string, flag: string): Set<string> {
  const expected = 'comma-separated rule codes (LL101), code prefixes (LL1) or slugs (bce-on-logits)';
  const names = value.split(',').map((s) => s.trim()).filter(Boolean);
  if (names.length === 0) throw new UsageError(`${flag}: expected ${expected}, got '${value}'`);
  const out = new Set<string>();
  for (const raw of names) {
    const exact = findRule(raw);
    const matched = exact ? [exact] : RULES.filter((r) => r.meta.code.startsWith(raw.toUpperCase()) && /^LL\d*$/i.test(raw));
    if (matched.length === 0) throw new UsageError(`${flag}: unknown rule '${raw}'; expected a code (LL101), a code prefix (LL1) or a slug (bce-on-logits)`);
    for (const r of matched) out.add(r.meta.code);
  }
  return out;
}

export function parseLang(v: string): Locale {
  if (v === 'en') return 'en';
  if (v === 'zh-cn' || v === 'zh') return 'zh';
  throw new UsageError(`--lang: expected en or zh-cn, got '${v}'`);
}

function parseFormat(f: string): CheckArgs['format'] {
  if (f !== 'text' && f !== 'json' && f !== 'sarif') throw new UsageError(`--format: expected text, json or sarif, got '${f}'`);
  return f;
}

/** More threads than this only add memory: each holds its own copy of the modules it reads. */
const MAX_JOBS = 256;

function parseJobs(v: string): number {
  const n = /^\d+$/.test(v) ? Number(v) : NaN;
  if (!(n >= 1 && n <= MAX_JOBS)) throw new UsageError(`--jobs: expected a whole number from 1 to ${MAX_JOBS}, got '${v}'`);
  return n;
}

/** `undefined` when help was asked for. */
export function parseCheckArgs(argv: string[]): CheckArgs | undefined {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        format: { type: 'string' },
        select: { type: 'string' },
        ignore: { type: 'string' },
        fix: { type: 'boolean' },
        jobs: { type: 'string', short: 'j' },
        lang: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (e) {
    throw new UsageError(parseArgsMessage(e as Error & { code?: string }));
  }
  const v = parsed.values;
  if (v.help) return undefined;
  if (parsed.positionals.length === 0) throw new UsageError('expected at least one PATH');
  return {
    format: v.format === undefined ? 'text' : parseFormat(v.format),
    select: v.select === undefined ? undefined : selectors(v.select, '--select'),
    ignore: v.ignore === undefined ? undefined : selectors(v.ignore, '--ignore'),
    fix: v.fix === true,
    ...(v.jobs === undefined ? {} : { jobs: parseJobs(v.jobs) }),
    locale: v.lang === undefined ? 'en' : parseLang(v.lang),
    paths: parsed.positionals,
  };
}

/** `util.parseArgs` errors in our one-line form (its own advise `--` quoting, which reads oddly here). */
function parseArgsMessage(e: Error & { code?: string }): string {
  const option = /'(-[^' ]*)/.exec(e.message)?.[1] ?? '';
  if (e.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return `unknown option '${option}'`;
  if (e.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') return `${option}: ${/does not take/.test(e.message) ? 'takes no value' : 'missing value'}`;
  return e.message.split('\n')[0];
}
