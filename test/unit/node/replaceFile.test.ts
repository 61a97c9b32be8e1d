import * as assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, readFileSync, readdirSync, readlinkSync, statSync, symlinkSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { replaceFile } from '../../../src/node/replaceFile';

function folder(): string {
  return mkdtempSync(join(tmpdir(), 'loss-lens-replace-'));
}

describe('replaceFile (atomic write for --fix)', () => {
  it('replaces the contents and keeps the mode, whatever the umask', () => {
    const dir = folder();
    const file = join(dir, 'train.py');
    writeFileSync(file, 'old\n');
    chmodSync(file, 0o751);
    const umask = process.umask(0o077);
    try {
      replaceFile(file, Buffer.from('new\r\n'));
    } finally {
      process.umask(umask);
    }
    assert.equal(readFileSync(file, 'latin1'), 'new\r\n');
    assert.equal(statSync(file).mode & 0o7777, 0o751);
    assert.deepEqual(readdirSync(dir), ['train.py']);
  });

  it('leaves the original intact and no temporary file behind when the write fails halfway (disk full)', () => {
    const dir = folder();
    const file = join(dir, 'train.py');
    const original = 'import torch\n' + 'x = 1\n'.repeat(1000);
    writeFileSync(file, original);
    const failingWrite = (fd: number, data: Uint8Array): void => {
      writeSync(fd, data, 0, data.length >> 1);
      throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
    };
    assert.throws(() => replaceFile(file, Buffer.from('short\n'.repeat(2000)), failingWrite), /ENOSPC/);
    assert.equal(readFileSync(file, 'utf8'), original);
    assert.deepEqual(readdirSync(dir), ['train.py']);
  });

  it('refuses a file without write permission (a rename would replace it anyway, and root may write anything)', () => {
    const dir = folder();
    const file = join(dir, 'locked.py');
    writeFileSync(file, 'keep\n');
    chmodSync(file, 0o444);
    assert.throws(() => replaceFile(file, Buffer.from('changed\n')), /read-only/);
    assert.equal(readFileSync(file, 'utf8'), 'keep\n');
    assert.equal(statSync(file).mode & 0o777, 0o444);
  });

  it('writes through a symlink to its target and keeps the link', () => {
    const dir = folder();
    writeFileSync(join(dir, 'real.py'), 'old\n');
    symlinkSync('real.py', join(dir, 'link.py'));
    replaceFile(join(dir, 'link.py'), Buffer.from('new\n'));
    assert.equal(readlinkSync(join(dir, 'link.py')), 'real.py');
    assert.equal(readFileSync(join(dir, 'real.py'), 'utf8'), 'new\n');
  });
});
