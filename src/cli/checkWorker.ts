import { parentPort, workerData } from 'node:worker_threads';
import { checkFile, newCheckRun } from './checkCommand';
import type { CheckReply, CheckRequest, CheckWorkerData } from './checkPool';

/** Whether this thread was started by `checkInWorkers` to check files. */
export function isCheckWorker(): boolean {
  return parentPort !== null && (workerData as Partial<CheckWorkerData> | undefined)?.lossLensCheckWorker === true;
}

/** A check worker: loads the grammar and its own workspace, then checks each file it is sent. */
export async function runCheckWorker(): Promise<void> {
  const data = workerData as CheckWorkerData;
  const port = parentPort!;
  const run = await newCheckRun(data.args, data.files);
  port.on('message', (m: CheckRequest) => {
    port.postMessage({ type: 'result', index: m.index, result: checkFile(run, data.files[m.index]) } satisfies CheckReply);
  });
  port.postMessage({ type: 'ready' } satisfies CheckReply);
}
