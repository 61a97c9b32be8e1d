// Serves the calculator page exactly as the panel builds it (same CSP, same bundle) on 127.0.0.1,
// plus a stand-in for VS Code's acquireVsCodeApi that keeps state across reloads like VS Code does.
const http = require('node:http');
const fs = require('node:fs');
const path = require('node:path');
const crypto = require('node:crypto');
const { require: tsRequire } = require('tsx/cjs/api');

const root = path.join(__dirname, '../..');
const { calculatorPage } = tsRequire('../../src/protocol/calculatorPage.ts', __filename);

const TYPES = { '.js': 'text/javascript', '.css': 'text/css', '.woff2': 'font/woff2', '.map': 'application/json', '.png': 'image/png', '.svg': 'image/svg+xml' };
const ALLOWED = ['dist/', 'media/', 'test/webview/'];

/** The fake VS Code API: setState goes to sessionStorage (survives reload), messages to the test. */
const API_SHIM = `
window.__violations = [];
document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));
window.__toHost = [];
window.acquireVsCodeApi = () => ({
  postMessage(m) { window.__toHost.push(m); if (window.__notifyHost) window.__notifyHost(m); },
  getState() { const s = sessionStorage.getItem('vscode-state'); return s ? JSON.parse(s) : undefined; },
  setState(s) { sessionStorage.setItem('vscode-state', JSON.stringify(s)); },
});`;

function page(origin, locale, theme) {
  const nonce = crypto.randomBytes(16).toString('base64');
  const html = calculatorPage({
    cspSource: origin,
    nonce,
    scriptUri: `${origin}/dist/webview.js`,
    styleUri: `${origin}/media/calculator.css`,
    katexStyleUri: `${origin}/dist/katex/katex.min.css`,
    locale,
  });
  return html
    .replace('</head>', `<link rel="stylesheet" href="${origin}/test/webview/themes.css">\n<script nonce="${nonce}" src="${origin}/test/webview/shim.js"></script>\n</head>`)
    .replace('<body ', `<body class="vscode-${theme}" `);
}

/** Starts the server; resolves to {origin, close}. */
function startHarness() {
  return new Promise((resolve) => {
    const server = http.createServer((req, res) => {
      const url = new URL(req.url, 'http://127.0.0.1');
      const origin = `http://127.0.0.1:${server.address().port}`;
      if (url.pathname === '/') {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        res.end(page(origin, url.searchParams.get('locale') === 'zh' ? 'zh' : 'en', url.searchParams.get('theme') ?? 'light'));
        return;
      }
      if (url.pathname === '/test/webview/shim.js') {
        res.writeHead(200, { 'content-type': 'text/javascript' });
        res.end(API_SHIM);
        return;
      }
      const rel = path.normalize(decodeURIComponent(url.pathname)).replace(/^[/\\]+/, '');
      const file = path.join(root, rel);
      if (!ALLOWED.some((p) => rel.startsWith(p)) || !file.startsWith(root) || !fs.existsSync(file)) {
        res.writeHead(404);
        res.end();
        return;
      }
      res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' });
      fs.createReadStream(file).pipe(res);
    });
    server.listen(0, '127.0.0.1', () => resolve({ origin: `http://127.0.0.1:${server.address().port}`, close: () => new Promise((r) => server.close(r)) }));
  });
}

module.exports = { startHarness };
