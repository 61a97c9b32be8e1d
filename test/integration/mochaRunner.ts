import * as fs from 'node:fs';
import * as path from 'node:path';
import * as util from 'node:util';
import Mocha from 'mocha';

/**
 * Runs every compiled `*.test.js` beside `dir` in one mocha `tdd` run. The extension host's console
 * never reaches the terminal under code-server, so when LOSS_LENS_TEST_LOG names a file the reporter
 * output is appended there too (the runner streams it); under @vscode/test-electron it goes to stdout.
 */
export function runSuite(dir: string): Promise<void> {
  const mocha = new Mocha({
    ui: 'tdd',
    color: false,
    reporter: 'spec',
    timeout: Number(process.env.LOSS_LENS_TEST_TIMEOUT ?? 60_000),
    grep: process.env.LOSS_LENS_TEST_GREP || undefined,
  });
  const logFile = process.env.LOSS_LENS_TEST_LOG;
  if (logFile) {
    const toConsole = Mocha.reporters.Base.consoleLog;
    Mocha.reporters.Base.consoleLog = (...args: unknown[]) => {
      fs.appendFileSync(logFile, util.format(...args) + '\n');
      toConsole(...args);
    };
  }
  const files = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.test.js'))
    .sort();
  if (files.length === 0) {
    const message = `no *.test.js files in ${dir}; was the suite compiled?`;
    if (logFile) fs.appendFileSync(logFile, `${message}\n`);
    return Promise.reject(new Error(message));
  }
  for (const f of files) mocha.addFile(path.join(dir, f));
  return new Promise((resolve, reject) => {
    try {
      mocha.run((failures) => (failures > 0 ? reject(new Error(`${failures} integration test(s) failed`)) : resolve()));
    } catch (e) {
      // A test file that throws while loading never reaches the reporter; put its error in the report.
      if (logFile) fs.appendFileSync(logFile, `\nthe suite could not load: ${e instanceof Error ? e.stack : String(e)}\n`);
      reject(e);
    }
  });
}
