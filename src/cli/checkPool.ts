import { Worker } from 'node:worker_threads';
import type { CheckArgs } from './checkArgs';
import type { FileResult } from './checkCommand';

/** What a check worker is started with (see `checkWorker.ts`): the run's options and every file of the run. */
export interface CheckWorkerData {
  readonly lossLensCheckWorker: true;
  readonly args: CheckArgs;
  readonly files: readonly string[];
}

/** Main thread → worker: check `files[index]`. */
export interface CheckRequest {
  readonly index: number;
}

/** Worker → main thread: the result for `files[index]`, or `ready` once its grammar and workspace are loaded. */
export type CheckReply = { readonly type: 'result'; readonly index: number; readonly result: FileResult } | { readonly type: 'ready' };

function message(e: unknown): string {
  return (e as Error)?.message ?? String(e);
}

/**
 * Checks `files` on `jobs` worker threads, each with its own workspace, handing out one file at a
 * time to whichever worker is free (files differ a lot in cost). `report` sees the results in the
 * order of `files`, whatever order they finish in, so the output is the same as on one thread. A
 * worker that dies takes only its current file with it: that file is reported as not analysed and
 * the others go on.
 */
export function checkInWorkers(args: CheckArgs, files: readonly string[], jobs: number, report: (r: FileResult) => void): Promise<void> {
  // The script this process runs (dist/cli.js) is also the worker's entry: `main.ts` tells them apart.
  const script = process.argv[1];
  const results: (FileResult | undefined)[] = new Array(files.length);
  let next = 0;
  let flushed = 0;
  let running = 0;
  let done = false;
  return new Promise((resolve) => {
    const flush = (): void => {
      if (done) return;
      while (flushed < files.length && results[flushed] !== undefined) {
        report(results[flushed]!);
        results[flushed] = undefined;
        flushed++;
      }
      if (flushed === files.length || running === 0) {
        // Workers all gone with files left: each is reported rather than read as clean.
        for (; flushed < files.length; flushed++) report(results[flushed] ?? { findings: [], errors: [`could not analyse ${files[flushed]}: no worker thread left to check it`] });
        done = true;
        resolve();
      }
    };
    const start = (): void => {
      const data: CheckWorkerData = { lossLensCheckWorker: true, args, files };
      const worker = new Worker(script, { workerData: data, stdout: false, stderr: false });
      let current = -1;
      const give = (): void => {
        if (next >= files.length) {
          current = -1;
          void worker.terminate();
          return;
        }
        current = next++;
        worker.postMessage({ index: current } satisfies CheckRequest);
      };
      running++;
      worker.on('message', (m: CheckReply) => {
        if (m.type === 'result') results[m.index] = m.result;
        give();
        flush();
      });
      worker.on('error', (e) => {
        if (current >= 0) results[current] = { findings: [], errors: [`could not analyse ${files[current]}: worker thread failed (${message(e)})`] };
        current = -1;
      });
      worker.on('exit', () => {
        if (current >= 0) results[current] = { findings: [], errors: [`could not analyse ${files[current]}: worker thread exited`] };
        current = -1;
        running--;
        flush();
      });
    };
    for (let i = 0; i < jobs; i++) start();
  });
}
