import * as assert from 'node:assert/strict';
import { declaredCoding, decodeSource } from '../../../src/node/sourceText';

const bytes = (s: string) => Buffer.from(s, 'latin1');

/** Each case: the file's bytes, and what decoding must give. */
const CASES: { name: string; file: Buffer; kind: 'text' | 'readOnly' | 'notText'; text?: string; why?: RegExp }[] = [
  { name: 'plain UTF-8', file: Buffer.from('x = "é"\n'), kind: 'text', text: 'x = "é"\n' },
  { name: 'UTF-8 with a BOM (kept in the text, so written back)', file: Buffer.from('\uFEFFx = 1\r\n'), kind: 'text', text: '\uFEFFx = 1\r\n' },
  { name: 'Latin-1 by its cookie', file: bytes('# -*- coding: latin-1 -*-\n# caf\xe9 \xa9\n'), kind: 'text', text: '# -*- coding: latin-1 -*-\n# café ©\n' },
  { name: 'Latin-1 bytes 0x80-0x9f stay C1 controls (not cp1252)', file: bytes('# coding: iso-8859-1\n# \x80\x9f\n'), kind: 'text', text: '# coding: iso-8859-1\n# \u0080\u009f\n' },
  { name: 'cookie on line 2 after a shebang', file: bytes('#!/usr/bin/env python\n# vim: set fileencoding=latin_1 :\n\xe9 = 1\n'), kind: 'text', text: '#!/usr/bin/env python\n# vim: set fileencoding=latin_1 :\né = 1\n' },
  { name: 'cp1252 (the euro sign is 0x80)', file: bytes('# coding: cp1252\n# \x80 \x93q\x94\n'), kind: 'text', text: '# coding: cp1252\n# € “q”\n' },
  { name: 'cp1252 with a byte Python leaves undefined', file: bytes('# coding: cp1252\n# \x81\n'), kind: 'notText', why: /not valid cp1252/ },
  { name: 'ASCII declared, ASCII given', file: bytes('# coding: ascii\nx = 1\n'), kind: 'text', text: '# coding: ascii\nx = 1\n' },
  { name: 'ASCII declared, a non-ASCII byte given', file: bytes('# coding: ascii\n# \xe9\n'), kind: 'notText', why: /not valid ASCII/ },
  { name: 'undeclared Latin-1 (invalid UTF-8)', file: bytes('# caf\xe9\nx = 1\n'), kind: 'notText', why: /not text: not valid UTF-8, and it declares no coding/ },
  { name: 'NUL bytes', file: bytes('import torch\n\x00\x01\x02 = 1\n'), kind: 'notText', why: /not text \(it holds NUL bytes\)/ },
  { name: 'a coding read but never written (cp1251)', file: bytes('# coding: cp1251\n# \xcf\xf0\xe8\n'), kind: 'readOnly', text: '# coding: cp1251\n# При\n', why: /--fix writes only .* declares 'cp1251'/ },
  { name: 'a coding nobody knows', file: bytes('# coding: klingon\nx = 1\n'), kind: 'notText', why: /declares coding 'klingon', which loss-lens cannot decode/ },
  { name: 'a cookie on line 3 does not count', file: bytes('x = 1\ny = 2\n# coding: latin-1\n# \xe9\n'), kind: 'notText', why: /not valid UTF-8/ },
];

describe('decodeSource (PEP 263)', () => {
  for (const c of CASES) {
    it(`${c.name}: ${c.kind}`, () => {
      const got = decodeSource(c.file);
      assert.equal(got.kind, c.kind, JSON.stringify(got));
      if (got.kind !== 'notText') assert.equal(got.text, c.text);
      if (got.kind !== 'text') assert.match(got.why, c.why!);
      // A writable text goes back to exactly its bytes.
      if (got.kind === 'text') assert.deepEqual(Buffer.from(got.encode(got.text)!), c.file);
    });
  }

  it('refuses to encode a fixed text its coding cannot hold', () => {
    const got = decodeSource(bytes('# coding: latin-1\nx = 1\n'));
    assert.equal(got.kind, 'text');
    if (got.kind === 'text') {
      assert.equal(got.encode('# coding: latin-1\nx = "€"\n'), undefined);
      assert.deepEqual(Buffer.from(got.encode('# coding: latin-1\nx = "é"\n')!), bytes('# coding: latin-1\nx = "\xe9"\n'));
    }
  });

  it('reads the cookie only on line 1, or on line 2 after a comment or blank line', () => {
    assert.equal(declaredCoding(bytes('# -*- coding: utf-8 -*-\n')), 'utf-8');
    assert.equal(declaredCoding(bytes('\n#coding=latin-1\n')), 'latin-1');
    assert.equal(declaredCoding(bytes('import os\n# coding: latin-1\n')), undefined);
    assert.equal(declaredCoding(bytes('x = "coding: latin-1"\n')), undefined);
  });
});
