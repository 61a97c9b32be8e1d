import * as assert from 'node:assert/strict';
import { isHostToWebview, isWebviewToHost } from '../../../src/protocol/calculator';
import { calculatorPage } from '../../../src/protocol/calculatorPage';

describe('calculator protocol', () => {
  it('accepts the messages the page sends and rejects malformed ones', () => {
    assert.ok(isWebviewToHost({ type: 'ready' }));
    assert.ok(isWebviewToHost({ type: 'insert', text: 'x' }));
    assert.ok(!isWebviewToHost({ type: 'insert', text: 42 }));
    assert.ok(!isWebviewToHost({ type: 'copy' }));
    assert.ok(!isWebviewToHost({ type: 'result' }));
    assert.ok(!isWebviewToHost({ type: 'eval', code: 'x' }));
    assert.ok(!isWebviewToHost(null));
    assert.ok(isHostToWebview({ type: 'locale', locale: 'zh' }));
    assert.ok(!isHostToWebview({ type: 'ready' }));
  });
});

describe('calculator page', () => {
  const page = calculatorPage({
    cspSource: 'https://webview.example',
    nonce: 'n0nce+/=',
    scriptUri: 'https://webview.example/dist/webview.js',
    styleUri: 'https://webview.example/media/calculator.css',
    katexStyleUri: 'https://webview.example/dist/katex/katex.min.css',
    locale: 'zh',
  });
  const csp = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(page)?.[1] ?? '';

  it("denies everything by default and allows scripts only with the render's nonce", () => {
    assert.match(csp, /^default-src 'none';/);
    assert.match(csp, /script-src 'nonce-n0nce\+\/='/);
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval|\*/);
    const scripts = [...page.matchAll(/<script([^>]*)>/g)].map((m) => m[1]);
    assert.equal(scripts.length, 1);
    assert.match(scripts[0], /nonce="n0nce\+\/="/);
  });

  it('loads styles and fonts only from the webview resource origin', () => {
    assert.match(csp, /style-src https:\/\/webview\.example(;|$)/);
    assert.match(csp, /font-src https:\/\/webview\.example(;|$)/);
    for (const m of page.matchAll(/(?:href|src)="([^"]+)"/g)) assert.ok(m[1].startsWith('https://webview.example/'), m[1]);
  });

  it('tells the page its display language', () => {
    assert.match(page, /<html lang="zh-CN">/);
    assert.match(page, /data-locale="zh"/);
  });
});
