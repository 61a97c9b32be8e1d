import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileSystemHost } from '../../../src/node/fileSystemHost';

describe('fileSystemHost (modules read for cross-file facts)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'loss-lens-host-'));
  const host = fileSystemHost(() => []);

  it('decodes a module by its PEP 263 coding', () => {
    writeFileSync(join(dir, 'latin.py'), Buffer.from('# coding: latin-1\nna\xefve = 1\n', 'latin1'));
    assert.equal(host.readFile(join(dir, 'latin.py')), '# coding: latin-1\nnaïve = 1\n');
  });

  it('reads nothing from binary files, FIFOs and devices, without blocking', function () {
    writeFileSync(join(dir, 'bin.py'), Buffer.from([0x69, 0, 0x01]));
    assert.equal(host.readFile(join(dir, 'bin.py')), undefined);
    if (process.platform === 'win32') {
      console.log('      skipped the FIFO and device part: Windows has neither');
      return;
    }
    execFileSync('mkfifo', [join(dir, 'fifo.py')]);
    assert.equal(host.readFile(join(dir, 'fifo.py')), undefined);
    assert.equal(host.readFile('/dev/zero'), undefined);
  });
});
