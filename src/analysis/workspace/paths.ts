/**
 * Paths as the analyzer sees them: absolute, `/`-separated (hosts turn `C:\x\y.py` into `C:/x/y.py`),
 * so the core needs no `node:path` and behaves the same in every host. A drive (`C:/`) is a root.
 */

/** The root a path starts with: `/`, `C:/`, or '' for a relative path. */
function rootOf(path: string): string {
  const drive = /^[A-Za-z]:\//.exec(path);
  if (drive) return drive[0];
  return path.startsWith('/') ? '/' : '';
}

export function dirname(path: string): string {
  const root = rootOf(path);
  const i = path.lastIndexOf('/');
  if (i < 0) return '.';
  if (i < root.length) return root;
  return path.slice(0, i);
}

/** Joins segments and resolves `.` and `..` (never above the root). */
export function joinPath(base: string, ...parts: string[]): string {
  const root = rootOf(base);
  const out: string[] = [];
  for (const seg of [base.slice(root.length), ...parts].join('/').split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') {
      if (out.length > 0 && out[out.length - 1] !== '..') out.pop();
      else if (!root) out.push('..');
      continue;
    }
    out.push(seg);
  }
  const joined = out.join('/');
  return root ? `${root}${joined}` : joined || '.';
}

/** `/a/b/c.py` relative to `/a` → `b/c.py` (the path itself when it is not under `from`). */
export function relativePath(from: string, path: string): string {
  const prefix = from.endsWith('/') ? from : `${from}/`;
  return path.startsWith(prefix) ? path.slice(prefix.length) : path;
}
