import { ErrorCodes, LSPErrorCodes, ResponseError, type CancellationToken } from 'vscode-languageserver/node';
import type { ServerContext } from './context';

/** The document URI of a request's params; a malformed request gets InvalidParams naming what was wrong. */
export function documentUri(params: unknown): string {
  const doc = (params as { textDocument?: { uri?: unknown } } | null | undefined)?.textDocument;
  if (typeof doc?.uri !== 'string') {
    throw new ResponseError(ErrorCodes.InvalidParams, `params.textDocument.uri: expected a string, got ${JSON.stringify(doc?.uri ?? doc ?? params)}`);
  }
  return doc.uri;
}

export function throwIfCancelled(token: CancellationToken | undefined): void {
  if (token?.isCancellationRequested) throw new ResponseError(LSPErrorCodes.RequestCancelled, 'request cancelled');
}

/** Waits `ms` (a request superseded meanwhile is cancelled by its client), then checks the token. */
export async function settle(ms: number, token: CancellationToken | undefined): Promise<void> {
  if (ms > 0) await new Promise((resolve) => setTimeout(resolve, ms));
  throwIfCancelled(token);
}

/**
 * A request handler that never throws: protocol errors (bad params, cancellation) are answered as
 * errors; anything else is logged and answered with `fallback`, so one failing file or rule costs
 * only its own answer.
 */
export function guarded<P, R>(
  ctx: ServerContext,
  name: string,
  fallback: R,
  handler: (params: P, token: CancellationToken | undefined) => R | Promise<R>,
): (params: P, token?: CancellationToken) => Promise<R> {
  return async (params, token) => {
    try {
      throwIfCancelled(token);
      return await handler(params, token);
    } catch (e) {
      if (e instanceof ResponseError) throw e;
      ctx.logOnce(`${name}:${e instanceof Error ? e.message : String(e)}`, `${name} failed`, e);
      return fallback;
    }
  };
}

/** A notification handler that never throws: failures are logged. */
export function guardedNotification<P>(ctx: ServerContext, name: string, handler: (params: P) => void | Promise<void>): (params: P) => Promise<void> {
  return async (params) => {
    try {
      await handler(params);
    } catch (e) {
      ctx.logOnce(`${name}:${e instanceof Error ? e.message : String(e)}`, `${name} failed`, e);
    }
  };
}
