import { CodeLensRefreshRequest, DidChangeConfigurationNotification, InlayHintRefreshRequest } from 'vscode-languageserver/node';
import type { ServerContext } from './context';
import { guardedNotification } from './guard';
import { parseSettings } from './settings';

/**
 * Settings from `workspace/configuration` (section `lossLens`) when the client answers it, else from
 * what `didChangeConfiguration` or `initializationOptions` carry (`{ lossLens: { … } }`). A change re-checks
 * every open document and asks the client to refresh inlay hints and code lenses.
 */
export function register(ctx: ServerContext, initializationOptions: unknown): { start(): Promise<void> } {
  const { connection, client } = ctx;
  const sectionOf = (settings: unknown) => (settings && typeof settings === 'object' ? (settings as { lossLens?: unknown }).lossLens : undefined);

  const load = async (pushed: unknown) => {
    const section = client.configuration ? await connection.workspace.getConfiguration({ section: 'lossLens' }) : pushed;
    const next = parseSettings(section, (m) => ctx.logOnce(`settings:${m}`, m));
    if (JSON.stringify(next) === JSON.stringify(ctx.settings())) return;
    ctx.setSettings(next);
    ctx.onWorkspaceChanged.fire();
    if (client.inlayHintRefresh) void connection.sendRequest(InlayHintRefreshRequest.type).catch((e: unknown) => ctx.log('inlay hint refresh failed', e));
    if (client.codeLensRefresh) void connection.sendRequest(CodeLensRefreshRequest.type).catch((e: unknown) => ctx.log('code lens refresh failed', e));
  };

  connection.onDidChangeConfiguration(guardedNotification(ctx, 'workspace/didChangeConfiguration', (params) => load(sectionOf(params.settings))));

  return {
    async start() {
      if (client.configurationRegistration) await connection.client.register(DidChangeConfigurationNotification.type, { section: 'lossLens' });
      await load(sectionOf(initializationOptions));
    },
  };
}
