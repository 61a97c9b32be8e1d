import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { CLI, ROOT } from './lspClient';

const SKIP = 'LOSS_LENS_SKIP_NEOVIM';

/** The README's tested Neovim configuration, between its markers. */
function readmeConfig(): string {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const m = /<!-- neovim-config -->\s*```lua\n([\s\S]*?)```\s*<!-- \/neovim-config -->/.exec(readme);
  assert.ok(m, 'README.md lacks the ```lua block between <!-- neovim-config --> markers');
  return m[1];
}

function nvimVersion(): string | undefined {
  const r = spawnSync('nvim', ['--version'], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.split('\n')[0] : undefined;
}

describe("Neovim's built-in LSP client against loss-lens server --stdio", function () {
  this.timeout(120_000);

  it('receives LL101, hovers, applies the preferred quick fix and sees LL101 go, with the README configuration', function () {
    const version = nvimVersion();
    if (!version) {
      if (process.env[SKIP]) {
        console.warn(`    skipped: nvim is not installed and ${SKIP} is set`);
        this.skip();
      }
      assert.fail(`nvim is not installed: run \`apt-get install -y neovim\` (Debian) or set ${SKIP}=1 to skip this test visibly`);
    }
    assert.ok(existsSync(CLI), 'dist/cli.js is missing: run `node esbuild.js` first');
    const dir = mkdtempSync(join(tmpdir(), 'loss-lens-nvim-'));
    try {
      // The configuration runs `loss-lens` from the PATH, as an installed CLI would be.
      const bin = join(dir, 'bin');
      mkdirSync(bin);
      writeFileSync(join(bin, 'loss-lens'), `#!/bin/sh\nexec "${process.execPath}" "${CLI}" "$@"\n`);
      chmodSync(join(bin, 'loss-lens'), 0o755);
      const config = join(dir, 'init.lua');
      writeFileSync(config, readmeConfig());
      const file = join(dir, 'train.py');
      writeFileSync(
        file,
        'import torch\nimport torch.nn as nn\n\nmodel = nn.Linear(4, 1)\ncriterion = nn.BCELoss()\nlogits = model(torch.randn(8, 4))\nloss = criterion(logits, torch.rand(8, 1))\n',
      );
      const r = spawnSync('nvim', ['--headless', '-u', 'NONE', '-i', 'NONE', '-n', '-c', `luafile ${join(ROOT, 'test/neovim/check.lua')}`], {
        cwd: dir,
        encoding: 'utf8',
        timeout: 100_000,
        env: { ...process.env, PATH: `${bin}${delimiter}${process.env.PATH}`, LOSS_LENS_NVIM_CONFIG: config, LOSS_LENS_NVIM_FILE: file, XDG_STATE_HOME: dir, XDG_CACHE_HOME: dir },
      });
      const out = `${r.stdout}${r.stderr}`;
      if (process.env.LOSS_LENS_VERBOSE) console.log(out);
      assert.equal(r.status, 0, `${version} exited ${r.status ?? r.signal}:\n${out}`);
      assert.match(out, /diagnostic LL101 line 7 loss-lens/);
      assert.match(out, /^PASS$/m);
      assert.match(out, /^hover .*BCELoss/m);
      assert.match(out, /^fixed criterion = nn\.BCEWithLogitsLoss\(\)$/m);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
