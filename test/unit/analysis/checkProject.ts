import * as assert from 'node:assert/strict';
import { analyze, lineOf, Workspace, type Diagnostic, type SourceHost } from '../../../src/analysis';
import { testGrammar } from './grammar';

/** A project in memory: absolute `/`-separated path → file text. Folders exist when some file lies under them. */
export type Project = Readonly<Record<string, string>>;

/**
 * The project as the analyzer's `SourceHost`, no file system involved. `listFiles` returns its Python
 * files, so callers in other files are found; `unlisted` gives a host that doesn't know them.
 */
export function memoryHost(files: Project): SourceHost {
  // Keys are read on each call, so a test may add a file (then tell the workspace it `changed`).
  return {
    readFile: (path) => files[path],
    exists: (path) => path in files || Object.keys(files).some((p) => p.startsWith(`${path}/`)),
    listFiles: () => Object.keys(files).filter((p) => p.endsWith('.py')),
  };
}

/** The same host without `listFiles` (an editor that only knows the files it was asked about). */
export function unlisted(host: SourceHost): SourceHost {
  return { readFile: (p) => host.readFile(p), exists: (p) => host.exists(p) };
}

/** `line:code` (1-based line) of each finding, in order. */
export function codes(text: string, diagnostics: readonly Diagnostic[]): string[] {
  return diagnostics.map((d) => `${lineOf(text, d.start) + 1}:${d.code}`);
}

export interface ProjectOptions {
  /** Workspace folders (default `['/p']`). */
  readonly folders?: readonly string[];
  /** The host (default `memoryHost(files)`). */
  readonly host?: SourceHost;
}

/**
 * Analyzes every Python file of the project in one workspace (as the CLI and the server do) and
 * returns each file's text and findings.
 */
export async function analyzeProject(files: Project, options: ProjectOptions = {}): Promise<Map<string, { text: string; diagnostics: Diagnostic[] }>> {
  const ws = new Workspace(await testGrammar(), options.host ?? memoryHost(files), options.folders ?? ['/p']);
  try {
    const out = new Map<string, { text: string; diagnostics: Diagnostic[] }>();
    for (const [path, text] of Object.entries(files)) {
      if (!path.endsWith('.py')) continue;
      const errors: string[] = [];
      const diagnostics = analyze(ws.load(path, text), { onRuleError: (code, e) => errors.push(`${code}: ${String(e)}`) });
      assert.deepEqual(errors, [], `${path}: rules threw`);
      out.set(path, { text, diagnostics });
    }
    return out;
  } finally {
    ws.dispose();
  }
}

/**
 * Asserts each Python file's findings as `line:code` (1-based line); files missing from `expected`
 * must have none.
 */
export async function checkProject(files: Project, expected: Readonly<Record<string, readonly string[]>>, options: ProjectOptions = {}): Promise<void> {
  for (const path of Object.keys(expected)) assert.ok(path in files, `expected findings for ${path}, which is not in the project`);
  const results = await analyzeProject(files, options);
  const got: Record<string, string[]> = {};
  const want: Record<string, string[]> = {};
  for (const [path, { text, diagnostics }] of results) {
    got[path] = codes(text, diagnostics).sort();
    want[path] = [...(expected[path] ?? [])].sort();
  }
  assert.deepEqual(got, want);
}

/** Python source from lines (so fixtures read like files and line numbers are easy to count). */
export function py(...lines: string[]): string {
  return lines.join('\n') + '\n';
}
