import { DocumentAnalysis } from '../document';
import type { PythonGrammar, TextChange } from '../parse';
import type { Semantics } from '../semantic/semantics';
import type { SNode } from '../syntax';
import { STAR, type ImportMap } from '../semantic/imports';
import { mentionsLoss } from '../semantic/statementIndex';
import type { SourceHost } from './host';
import { importRoots, resolveQualified } from './resolve';

/** One module of the workspace: its analysis, and whether an editor buffer (not the disk) holds it. */
interface ModuleEntry {
  readonly doc: DocumentAnalysis;
  readonly open: boolean;
}

/** A workspace module a qualified name resolves to, and the names that follow it (`Net` of `models.net.Net`). */
export interface Resolved {
  readonly path: string;
  readonly rest: readonly string[];
}

/** The names an import of the module at `path` must mention: its own, and its packages'. */
function moduleNames(path: string): string[] {
  const parts = path.split('/');
  const stem = parts[parts.length - 1].replace(/\.py$/, '');
  const out = stem === '__init__' ? [] : [stem];
  for (let i = parts.length - 2; i >= Math.max(0, parts.length - 4); i--) if (parts[i]) out.push(parts[i]);
  return out;
}

/** How many other files may call a function before its callers stop counting (see `callersOf`). */
const MAX_CALLER_FILES = 8;

/** Calls of a name in another file, with that file's semantics. */
export interface Callers {
  readonly path: string;
  readonly semantics: Semantics;
  readonly calls: readonly SNode[];
}

/**
 * The module index: every Python file of the workspace that some analysis asked about, parsed once
 * and kept until it changes, so each module's facts are computed once however many files import it.
 * Open editor buffers take the place of the files on disk. Each change bumps `tick`; a document's
 * analysis then drops the results that read a changed module (see `changedSince`).
 *
 * Host-agnostic: the CLI, the language server and the tests give it a `SourceHost`.
 */
export class Workspace {
  private readonly modules = new Map<string, ModuleEntry | null>();
  private readonly owners = new WeakMap<SNode, Semantics>();
  private readonly resolved = new Map<string, Resolved | null>();
  private readonly roots = new Map<string, readonly string[]>();
  private readonly changedAt = new Map<string, number>();
  /** Bumped on every change to a module's text (or to what exists on disk). */
  tick = 0;
  /** Cross-module evaluations under way, shared by every module's semantics, so chains stay bounded. */
  depth = 0;

  constructor(readonly grammar: PythonGrammar, readonly host: SourceHost, readonly folders: readonly string[] = []) {}

  /** The analysis of the module at `path`: its open buffer, else the file read once from the host. */
  document(path: string): DocumentAnalysis | undefined {
    const hit = this.modules.get(path);
    if (hit !== undefined) return hit?.doc;
    const text = this.host.readFile(path);
    if (text === undefined) {
      this.modules.set(path, null);
      return undefined;
    }
    const doc = new DocumentAnalysis(this.grammar, text, { workspace: this, path });
    // Nobody edits a module read from disk: its parser can go now, its syntax copy stays.
    doc.freeze();
    this.modules.set(path, { doc, open: false });
    return doc;
  }

  /**
   * The analysis of `path` with this text (the CLI checks files it has read itself): the module
   * already loaded when its text is the same, else a new version that every other module then sees.
   */
  load(path: string, text: string): DocumentAnalysis {
    const old = this.modules.get(path);
    if (old && old.doc.text === text) return old.doc;
    if (old?.open) return this.replaceOpen(path, old.doc, text);
    old?.doc.dispose();
    const doc = new DocumentAnalysis(this.grammar, text, { workspace: this, path });
    doc.freeze();
    this.modules.set(path, { doc, open: false });
    if (old !== undefined) this.touch(path);
    return doc;
  }

  /**
   * Forgets a module read from disk (not an open buffer) without changing anything: a later request
   * reads it again. Values other modules computed from it stay valid (same text). The CLI releases each
   * file once checked, so a whole-tree run keeps only the modules something imported.
   */
  release(path: string): void {
    const entry = this.modules.get(path);
    if (entry && !entry.open) this.modules.delete(path);
  }

  /** An editor buffer now holds `path`: analyses read it instead of the file. */
  open(path: string, text: string): DocumentAnalysis {
    const old = this.modules.get(path);
    if (old?.open) return this.replaceOpen(path, old.doc, text);
    old?.doc.dispose();
    const doc = new DocumentAnalysis(this.grammar, text, { workspace: this, path });
    this.modules.set(path, { doc, open: true });
    this.touch(path);
    return doc;
  }

  /** A new text for an open buffer; the same text is no change (nothing importing it is re-run). */
  private replaceOpen(path: string, doc: DocumentAnalysis, text: string): DocumentAnalysis {
    if (doc.text !== text) {
      doc.replace(text);
      this.touch(path);
    }
    return doc;
  }

  /** Edits of an open buffer (see `DocumentAnalysis.update`). */
  edit(path: string, changes: readonly TextChange[]): void {
    const entry = this.modules.get(path);
    if (!entry?.open) return;
    entry.doc.update(changes);
    this.touch(path);
  }

  /** The buffer closed: the file on disk counts again. */
  close(path: string): void {
    const entry = this.modules.get(path);
    entry?.doc.dispose();
    this.modules.delete(path);
    this.touch(path);
  }

  /** The file's text changed on disk (an open buffer still wins). */
  changed(path: string): void {
    const entry = this.modules.get(path);
    if (entry?.open) return;
    entry?.doc.dispose();
    this.modules.delete(path);
    this.touch(path);
  }

  /**
   * A file appeared or went away on disk, or the host's list of files changed (`path` undefined):
   * imports may now resolve differently anywhere, so every kept result goes.
   */
  created(path?: string): void {
    if (path !== undefined) this.changed(path);
    this.resolved.clear();
    this.roots.clear();
    this.fileWords.clear();
    this.callIndex = undefined;
    this.lossTexts.clear();
    this.tick++;
    this.structureTick = this.tick;
  }

  /** See `created`. */
  deleted(path: string): void {
    this.created(path);
  }

  private structureTick = 0;

  /** Whether files changed on disk after `tick` (imports may now resolve differently anywhere). */
  structureChangedSince(tick: number): boolean {
    return this.structureTick > tick;
  }

  private touch(path: string): void {
    this.tick++;
    this.changedAt.set(path, this.tick);
    this.unindex(path);
    this.fileWords.delete(path);
    this.lossTexts.delete(path);
  }

  /** Modules changed after `tick`. */
  changedSince(tick: number): Set<string> {
    const out = new Set<string>();
    for (const [p, t] of this.changedAt) if (t > tick) out.add(p);
    return out;
  }

  /** Where a qualified name used in `file` lives in the workspace (cached until files appear or vanish). */
  resolve(file: string, dotted: string): Resolved | undefined {
    const rel = dotted.startsWith('.');
    const key = `${rel ? file : this.rootsKey(file)}\0${dotted}`;
    let hit = this.resolved.get(key);
    if (hit === undefined) {
      hit = resolveQualified(dotted, file, this.importRoots(file), this.host) ?? null;
      this.resolved.set(key, hit);
    }
    return hit ?? undefined;
  }

  private importRoots(file: string): readonly string[] {
    const dir = file.slice(0, file.lastIndexOf('/') + 1);
    let r = this.roots.get(dir);
    if (!r) {
      r = importRoots(file, this.host, this.folders);
      this.roots.set(dir, r);
    }
    return r;
  }

  private rootsKey(file: string): string {
    return this.importRoots(file).join('\0');
  }

  /**
   * Which of `file`'s imported names may hold a loss because the module they come from says so
   * (`from losses import get_criterion` where `get_criterion` returns `nn.BCELoss()`), following
   * re-exports (`from .losses import get_criterion` in a package's `__init__.py`). A module imported
   * whole (`import losses as L`) lends the names it binds that may hold one. Only the modules named
   * are read, each judged by its own text: nothing here parses the modules they import in turn.
   */
  importedLossNames(file: string, imports: ImportMap): ReadonlySet<string> {
    const out = new Set<string>();
    for (const [local, q] of imports) {
      if (local.startsWith(STAR) || q === 'torch' || q.startsWith('torch.') || q === 'numpy' || q.startsWith('numpy.')) continue;
      const r = this.resolve(file, q);
      if (!r || r.rest.length > 1 || r.path === file) continue;
      if (r.rest.length === 1) {
        if (this.exportsLoss(r.path, r.rest[0], 0)) out.add(local);
        continue;
      }
      const index = this.document(r.path)?.textIndex();
      if (index) for (const n of index.localRelevant) if (index.moduleBindings(n).length > 0) out.add(n);
    }
    return out;
  }

  /** Whether the module binds `name` to something that may hold a loss, or re-exports such a name. */
  private exportsLoss(path: string, name: string, depth: number): boolean {
    // Cheap and certain: a module whose text names no loss binds none itself; only a package's
    // `__init__.py` is read anyway, for what it re-exports.
    if (!this.mayBindLoss(path)) return false;
    const index = this.document(path)?.textIndex();
    if (!index || depth > 8) return false;
    if (index.localRelevant.has(name)) return true;
    const q = index.imports.get(name);
    const r = q !== undefined && !q.startsWith('torch') ? this.resolve(path, q) : undefined;
    return r !== undefined && r.rest.length === 1 && r.path !== path && this.exportsLoss(r.path, r.rest[0], depth + 1);
  }

  private callerCache = new Map<string, { tick: number; found: readonly Callers[] | undefined }>();

  /**
   * Calls named `name` in other workspace files (found by a text search, then parsed), with the
   * semantics that can tell whether each one calls the function of `path` and evaluate its arguments.
   */
  callersOf(path: string, name: string): readonly Callers[] | undefined {
    const key = `${path}\0${name}`;
    const hit = this.callerCache.get(key);
    if (hit && hit.tick === this.tick) return hit.found;
    // Only a file that imports this module (or the package holding it) can call its functions: the
    // module's or package's name must appear in its text, and one of its imports must resolve here.
    const names = moduleNames(path);
    const mentioning = this.filesCalling(name).filter((file) => file !== path && names.some((n) => this.wordsOf(file).all.has(n)));
    // Checking imports parses each file: when even the text shows too many, don't.
    const files = mentioning.length > 3 * MAX_CALLER_FILES ? mentioning : mentioning.filter((file) => this.importsModule(file, path));
    // A name called from many files is a library's API, not one project's flow: following every caller
    // would parse the workspace for one parameter, and their values rarely agree anyway.
    if (files.length > MAX_CALLER_FILES) {
      this.callerCache.set(key, { tick: this.tick, found: undefined });
      return undefined;
    }
    const found: Callers[] = [];
    for (const file of files) {
      const semantics = this.semanticsAt(file);
      const calls = semantics?.callsNamed(name);
      if (semantics && calls && calls.length > 0) found.push({ path: file, semantics, calls });
    }
    this.callerCache.set(key, { tick: this.tick, found });
    return found;
  }

  /** Whether one of `file`'s imports resolves to `path`, or to a package `__init__.py` above it (a re-export). */
  private importsModule(file: string, path: string): boolean {
    const index = this.document(file)?.textIndex();
    if (!index) return false;
    // A star import of this module counts: its calls can't be told apart, so they keep the result unknown.
    for (const [, q] of index.imports) {
      if (q === 'torch' || q.startsWith('torch.')) continue;
      const r = this.resolve(file, q);
      if (!r) continue;
      if (r.path === path) return true;
      if (r.path.endsWith('/__init__.py') && path.startsWith(r.path.slice(0, -'__init__.py'.length))) return true;
    }
    return false;
  }

  /** A file's words and the names it calls (`name(`), from its text, kept until it changes: the callers' prefilter. */
  private readonly fileWords = new Map<string, { readonly all: ReadonlySet<string>; readonly called: ReadonlySet<string> }>();

  /**
   * The host's files by the names they call, each list in the host's order: `callersOf` asks it for
   * one name instead of testing every file. Built on first use after the list of files changed
   * (`created`); a changed file is taken out at once and put back, with its new words, on next use.
   */
  private callIndex: { readonly byName: Map<string, string[]>; readonly position: Map<string, number>; readonly stale: Set<string> } | undefined;

  private filesCalling(name: string): readonly string[] {
    if (!this.callIndex) {
      const files = this.host.listFiles?.() ?? [];
      this.callIndex = { byName: new Map(), position: new Map(files.map((f, i) => [f, i])), stale: new Set(files) };
    }
    const { byName, position, stale } = this.callIndex;
    for (const file of stale) {
      const at = position.get(file)!;
      for (const n of this.wordsOf(file).called) {
        let list = byName.get(n);
        if (!list) byName.set(n, (list = []));
        // Appending keeps the order when the index is built; a file put back goes to its place.
        let i = list.length;
        while (i > 0 && position.get(list[i - 1])! > at) i--;
        list.splice(i, 0, file);
      }
    }
    stale.clear();
    return byName.get(name) ?? [];
  }

  /** Takes a file whose text changed out of the call index (before its words are forgotten). */
  private unindex(file: string): void {
    const index = this.callIndex;
    const words = this.fileWords.get(file);
    if (!index || !index.position.has(file)) return;
    if (words && !index.stale.has(file)) {
      for (const n of words.called) {
        const list = index.byName.get(n);
        const i = list ? list.indexOf(file) : -1;
        if (i >= 0) list!.splice(i, 1);
      }
    }
    index.stale.add(file);
  }

  /** Per file, whether its text names a loss or it is a package's `__init__.py` (kept until it changes). */
  private readonly lossTexts = new Map<string, boolean>();

  private mayBindLoss(path: string): boolean {
    let hit = this.lossTexts.get(path);
    if (hit === undefined) {
      const text = this.text(path);
      hit = text !== undefined && (mentionsLoss(text) || path.endsWith('/__init__.py'));
      this.lossTexts.set(path, hit);
    }
    return hit;
  }

  /** A module's text: its loaded or open version, else the file's (read again: texts aren't kept twice, only what was learnt from them). */
  private text(file: string): string | undefined {
    const entry = this.modules.get(file);
    return entry ? entry.doc.text : entry === null ? undefined : this.host.readFile(file);
  }

  private wordsOf(file: string): { readonly all: ReadonlySet<string>; readonly called: ReadonlySet<string> } {
    let words = this.fileWords.get(file);
    if (!words) {
      const all = new Set<string>();
      const called = new Set<string>();
      for (const m of (this.text(file) ?? '').matchAll(/([A-Za-z_]\w*)(\s*\()?/g)) {
        all.add(m[1]);
        if (m[2]) called.add(m[1]);
      }
      words = { all, called };
      this.fileWords.set(file, words);
    }
    return words;
  }

  /** The semantics of a module's current version (parsing it on first use). */
  semanticsAt(path: string): Semantics | undefined {
    return this.document(path)?.getFacts().semantics;
  }

  /** Records which module a syntax tree belongs to, so evaluation of its nodes goes to its semantics. */
  register(root: SNode, semantics: Semantics): void {
    this.owners.set(root, semantics);
  }

  ownerOf(root: SNode): Semantics | undefined {
    return this.owners.get(root);
  }

  /** Frees every module's parser and tree. */
  dispose(): void {
    for (const e of this.modules.values()) e?.doc.dispose();
    this.modules.clear();
  }
}
