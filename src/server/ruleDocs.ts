import { ErrorCodes, ResponseError } from 'vscode-languageserver/node';
import { explainRule, findRule } from '../analysis';
import { EXPLAIN_RULE, type ExplainRuleParams, type ExplainRuleResult } from '../protocol/server';
import type { ServerContext } from './context';
import { guarded } from './guard';

/** A rule's documentation for a client that shows it itself (the VS Code client's `loss-lens-rule:` pages). */
export function register(ctx: ServerContext): void {
  ctx.connection.onRequest(
    EXPLAIN_RULE,
    guarded(ctx, EXPLAIN_RULE, null, (params: ExplainRuleParams): ExplainRuleResult => {
      const code = (params as Partial<ExplainRuleParams> | null | undefined)?.code;
      if (typeof code !== 'string') throw new ResponseError(ErrorCodes.InvalidParams, `params.code: expected a rule code such as "LL101", got ${JSON.stringify(code)}`);
      const rule = findRule(code);
      return rule ? explainRule(rule, ctx.locale()) : null;
    }),
  );
}
