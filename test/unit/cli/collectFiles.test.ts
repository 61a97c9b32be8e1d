import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { collectFiles, type WalkFs } from '../../../src/cli/collectFiles';

/** A small tree with one of each bad entry; returns its root. */
function tree(): string {
  const root = fs.mkdtempSync(join(tmpdir(), 'loss-lens-walk-'));
  const file = (p: string) => {
    fs.mkdirSync(join(root, p, '..'), { recursive: true });
    fs.writeFileSync(join(root, p), 'x = 1\n');
  };
  file('a.py');
  file('b/c.py');
  file('b/d/e.ipynb');
  file('f.py');
  file('locked/g.py');
  file('notes.txt');
  file('.hidden/h.py');
  file('node_modules/i.py');
  fs.symlinkSync('missing.py', join(root, 'dangling.py'));
  fs.symlinkSync('loop2.py', join(root, 'loop1.py'));
  fs.symlinkSync('loop1.py', join(root, 'loop2.py'));
  fs.symlinkSync('..', join(root, 'b/up'));
  fs.symlinkSync('b', join(root, 'b2'));
  fs.symlinkSync('/dev/zero', join(root, 'zero.py'));
  execFileSync('mkfifo', [join(root, 'fifo.py')]);
  return root;
}

/** The real file system, except that listing `locked` fails as it would for a user without permission. */
function deniedAt(folder: string): WalkFs {
  return {
    statSync: (p) => fs.statSync(p),
    lstatSync: (p) => fs.lstatSync(p),
    readdirSync: (p) => {
      if (p === folder) throw Object.assign(new Error(`EACCES: permission denied, scandir '${p}'`), { code: 'EACCES' });
      return fs.readdirSync(p);
    },
  };
}

describe('collectFiles (the directory walk of loss-lens check)', () => {
  it('lists regular .py and .ipynb files depth-first in name order, and reports every bad entry without stopping', function () {
    if (process.platform === 'win32') {
      console.log('      skipped: needs symlinks and mkfifo');
      this.skip();
    }
    const root = tree();
    const { files, problems } = collectFiles([root], deniedAt(join(root, 'locked')));
    const rel = (p: string) => p.slice(root.length + 1);
    // b2 is the same folder as b and b/up is the root: neither is walked twice.
    assert.deepEqual(files.map(rel), ['a.py', 'b/c.py', 'b/d/e.ipynb', 'f.py']);
    assert.deepEqual(
      problems.map((p) => `${rel(p.path)}: ${p.message}`),
      [
        'dangling.py: dangling symbolic link',
        'fifo.py: a FIFO; only regular files are read',
        'locked: cannot read folder: permission denied (EACCES)',
        'loop1.py: symbolic link loop',
        'loop2.py: symbolic link loop',
        'zero.py: a character device; only regular files are read',
      ],
    );
  });

  it('takes an explicit file whatever its name, and reports missing paths and devices given explicitly', () => {
    const root = fs.mkdtempSync(join(tmpdir(), 'loss-lens-walk-'));
    fs.writeFileSync(join(root, 'script'), 'x = 1\n');
    const { files, problems } = collectFiles([join(root, 'script'), join(root, 'nope.py'), '/dev/zero']);
    assert.deepEqual(files, [join(root, 'script')]);
    assert.deepEqual(problems.map((p) => p.message), ['no such file or directory', 'a character device; only regular files are read']);
  });
});
