import * as assert from 'node:assert/strict';
import { patchCellSources } from '../../../src/cli/notebookSource';

const change = (cell: number, before: string, after: string) => new Map([[cell, { before, after }]]);

/** Each case: a notebook's JSON, the change, and the exact JSON expected. */
const CASES: { name: string; json: string; cell: number; before: string; after: string; want: string }[] = [
  {
    name: 'a list on one line stays on one line',
    json: '{"cells": [{"cell_type": "code", "source": ["a = 1\\n", "b = 2"], "x": 1.0}]}',
    cell: 0, before: 'a = 1\nb = 2', after: 'a = 1\nb = 3\nc = 4',
    want: '{"cells": [{"cell_type": "code", "source": ["a = 1\\n", "b = 3\\n", "c = 4"], "x": 1.0}]}',
  },
  {
    name: 'unchanged lines keep their escapes; new ones are written as JSON',
    json: '{"cells":[{"source":[\n  "caf\\u00e9\\n",\n  "x = \\"\\u00e9\\""\n ]}]}',
    cell: 0, before: 'café\nx = "é"', after: 'café\ny = "é"',
    want: '{"cells":[{"source":[\n  "caf\\u00e9\\n",\n  "y = \\"é\\""\n ]}]}',
  },
  {
    name: 'a string source stays a string',
    json: '{"cells": [{"source": "a\\tb"}, {"source": "x = 1e-05"}], "n": 12345678901234567890}',
    cell: 1, before: 'x = 1e-05', after: 'x = 2e-05',
    want: '{"cells": [{"source": "a\\tb"}, {"source": "x = 2e-05"}], "n": 12345678901234567890}',
  },
  {
    name: 'CRLF layout is kept for new lines',
    json: '{\r\n "cells": [\r\n  {\r\n   "source": [\r\n    "a\\n",\r\n    "b"\r\n   ]\r\n  }\r\n ]\r\n}\r\n',
    cell: 0, before: 'a\nb', after: 'a\nb\nc',
    want: '{\r\n "cells": [\r\n  {\r\n   "source": [\r\n    "a\\n",\r\n    "b\\n",\r\n    "c"\r\n   ]\r\n  }\r\n ]\r\n}\r\n',
  },
];

describe('patchCellSources (notebook fixes touch only the fixed cells)', () => {
  for (const c of CASES) {
    it(c.name, () => {
      assert.equal(patchCellSources(c.json, change(c.cell, c.before, c.after)), c.want);
    });
  }

  it('refuses when the cell does not hold the text the fix was made for', () => {
    const json = '{"cells": [{"source": "a"}]}';
    assert.throws(() => patchCellSources(json, change(0, 'b', 'c')), /cannot locate the source of cell 1/);
    assert.throws(() => patchCellSources(json, change(3, 'a', 'c')), /cannot locate the source of cell 4/);
  });
});
