import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readRegularFile } from '../../../src/node/readRegularFile';

describe('readRegularFile', () => {
  const dir = mkdtempSync(join(tmpdir(), 'loss-lens-read-'));

  it('reads a regular file within the limit', () => {
    writeFileSync(join(dir, 'a.py'), 'x = 1\n');
    assert.equal(Buffer.from(readRegularFile(join(dir, 'a.py'), 100)).toString(), 'x = 1\n');
  });

  it('skips a file over the limit and says so', () => {
    writeFileSync(join(dir, 'big.py'), 'x'.repeat(101));
    assert.throws(() => readRegularFile(join(dir, 'big.py'), 100), /skipped: .*limit for one file/);
    writeFileSync(join(dir, 'edge.py'), 'x'.repeat(100));
    assert.equal(readRegularFile(join(dir, 'edge.py'), 100).length, 100);
  });

  it('refuses a FIFO without blocking on it, and a device', function () {
    if (process.platform === 'win32') {
      console.log('      skipped: Windows has no mkfifo or /dev/zero');
      this.skip();
    }
    execFileSync('mkfifo', [join(dir, 'x.py')]);
    assert.throws(() => readRegularFile(join(dir, 'x.py'), 100), /not a regular file \(a FIFO\)/);
    assert.throws(() => readRegularFile('/dev/zero', 100), /not a regular file \(a character device\)/);
  });

  it('reports a missing file as unreadable', () => {
    assert.throws(() => readRegularFile(join(dir, 'none.py'), 100), /cannot open: ENOENT/);
  });
});
