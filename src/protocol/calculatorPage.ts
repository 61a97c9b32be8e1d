import type { Locale } from '../catalogue';

export interface PageResources {
  /** `webview.cspSource` in VS Code; the harness's own origin in the browser tests. */
  readonly cspSource: string;
  /** Fresh per render, from a cryptographic source. */
  readonly nonce: string;
  readonly scriptUri: string;
  readonly styleUri: string;
  readonly katexStyleUri: string;
  readonly locale: Locale;
}

function attr(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}

/**
 * The calculator page. Nothing but our own bundle and stylesheets can load: `default-src 'none'`,
 * scripts only with the nonce, styles, fonts and images only from the extension's own files.
 * The browser tests serve this same HTML, so a CSP violation there is one in VS Code too.
 */
export function calculatorPage(r: PageResources): string {
  const csp = [
    "default-src 'none'",
    `img-src ${r.cspSource} data:`,
    `style-src ${r.cspSource}`,
    `font-src ${r.cspSource}`,
    `script-src 'nonce-${r.nonce}'`,
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="${r.locale === 'zh' ? 'zh-CN' : 'en'}">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${attr(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${attr(r.katexStyleUri)}">
<link rel="stylesheet" href="${attr(r.styleUri)}">
<title>Loss Calculator</title>
</head>
<body data-locale="${r.locale}">
<main id="app"></main>
<script nonce="${attr(r.nonce)}" src="${attr(r.scriptUri)}"></script>
</body>
</html>
`;
}
