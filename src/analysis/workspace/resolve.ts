import type { SourceHost } from './host';
import { dirname, joinPath } from './paths';

/** Files or folders that mark the root of a Python project. */
const PROJECT_MARKERS = ['pyproject.toml', 'setup.py', 'setup.cfg', '.git'];

/**
 * Where absolute imports of `file` are looked up, in order: the file's own folder (Python puts a
 * script's folder first on `sys.path`), the nearest ancestor that holds a project marker (and its
 * `src/`, the usual package layout), then the workspace folders that contain the file.
 */
export function importRoots(file: string, host: SourceHost, folders: readonly string[]): string[] {
  const roots: string[] = [dirname(file)];
  for (let dir = dirname(file); ; dir = dirname(dir)) {
    if (PROJECT_MARKERS.some((m) => host.exists(joinPath(dir, m)))) {
      roots.push(dir);
      const src = joinPath(dir, 'src');
      if (host.exists(src)) roots.push(src);
      break;
    }
    if (dir === '.' || dirname(dir) === dir) break;
  }
  for (const f of folders) if (file.startsWith(f.endsWith('/') ? f : `${f}/`)) roots.push(f);
  return [...new Set(roots)];
}

/** A module's file: `a/b.py`, or the package `a/b/__init__.py`, under `base`. */
export function moduleFile(base: string, parts: readonly string[], host: SourceHost): string | undefined {
  if (parts.length === 0) {
    const init = joinPath(base, '__init__.py');
    return host.exists(init) ? init : undefined;
  }
  const stem = joinPath(base, ...parts);
  const file = `${stem}.py`;
  if (host.exists(file)) return file;
  const init = joinPath(stem, '__init__.py');
  return host.exists(init) ? init : undefined;
}

/** A dotted import target split into its relative level (leading dots) and names. */
export function splitDotted(dotted: string): { level: number; parts: string[] } {
  const m = /^(\.*)(.*)$/.exec(dotted)!;
  return { level: m[1].length, parts: m[2] === '' ? [] : m[2].split('.') };
}

/**
 * The longest prefix of a qualified name that is a module file, and the names after it:
 * `models.net.Net` → (`/p/models/net.py`, [`Net`]). Relative names (`.model.build`) start from the
 * importing file's package. Undefined when no prefix resolves.
 */
export function resolveQualified(dotted: string, file: string, roots: readonly string[], host: SourceHost): { path: string; rest: string[] } | undefined {
  const { level, parts } = splitDotted(dotted);
  let bases = roots;
  if (level > 0) {
    let dir = dirname(file);
    for (let i = 1; i < level; i++) dir = dirname(dir);
    bases = [dir];
  }
  for (const base of bases) {
    for (let k = parts.length; k >= (level > 0 ? 0 : 1); k--) {
      const path = moduleFile(base, parts.slice(0, k), host);
      if (path) return { path, rest: parts.slice(k) };
    }
  }
  return undefined;
}
