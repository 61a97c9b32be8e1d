/**
 * The little IO cross-file analysis needs, provided by each host (the CLI over the file system, the
 * editor over its open buffers and the file system). Both calls are synchronous: the analyzer
 * evaluates lazily, deep inside a computation, and a host answers from memory or a local disk.
 * Paths are absolute and `/`-separated (see `paths.ts`). Neither call may throw.
 */
export interface SourceHost {
  /** The text of the Python file at `path`, or undefined when there is none (or it can't be read). */
  readFile(path: string): string | undefined;
  /** Whether a file or folder exists at `path` (to find project roots and `src/` layouts). */
  exists(path: string): boolean;
  /**
   * The workspace's Python files, when the host knows them: a function's callers in other files are
   * then found (and its parameters take what they pass). Without it only same-file callers count.
   */
  listFiles?(): readonly string[];
}
