import * as assert from 'node:assert/strict';
import { CancellationTokenSource, ErrorCodes, LSPErrorCodes, ResponseError } from 'vscode-languageserver/node';
import type { ServerContext } from '../../../src/server/context';
import { documentUri, guarded, guardedNotification } from '../../../src/server/guard';

/** Only what the guards use: the log. */
function fakeContext(): { ctx: ServerContext; logged: string[] } {
  const logged: string[] = [];
  const ctx = { logOnce: (key: string, message: string) => logged.push(`${key} | ${message}`) } as unknown as ServerContext;
  return { ctx, logged };
}

describe('server request guards', () => {
  it('answer a failing handler with its fallback and log the failure once per message', async () => {
    const { ctx, logged } = fakeContext();
    const handler = guarded(ctx, 'textDocument/hover', null, () => {
      throw new Error('rule exploded');
    });
    assert.equal(await handler({}), null);
    assert.deepEqual(logged, ['textDocument/hover:rule exploded | textDocument/hover failed']);
  });

  it('pass protocol errors through: bad params name what was wrong', async () => {
    const { ctx } = fakeContext();
    const handler = guarded(ctx, 'textDocument/hover', null, (p: unknown) => documentUri(p));
    const e = await handler({ textDocument: { uri: 3 } }).catch((x: unknown) => x);
    assert.ok(e instanceof ResponseError);
    assert.equal(e.code, ErrorCodes.InvalidParams);
    assert.equal(e.message, 'params.textDocument.uri: expected a string, got 3');
  });

  it('answer a request cancelled before it ran with RequestCancelled, without running it', async () => {
    const { ctx } = fakeContext();
    let ran = false;
    const handler = guarded(ctx, 'textDocument/inlayHint', [], () => {
      ran = true;
      return [];
    });
    const source = new CancellationTokenSource();
    source.cancel();
    const e = await handler({}, source.token).catch((x: unknown) => x);
    assert.equal((e as ResponseError<unknown>).code, LSPErrorCodes.RequestCancelled);
    assert.equal(ran, false);
  });

  it('keep a failing notification from escaping', async () => {
    const { ctx, logged } = fakeContext();
    await guardedNotification(ctx, 'textDocument/didOpen', () => {
      throw new Error('bad file');
    })({});
    assert.equal(logged.length, 1);
  });
});
