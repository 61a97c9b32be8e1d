import { TextDecoder } from 'node:util';

/**
 * Python source bytes as text, and the fixed text back as bytes in the file's own encoding (PEP 263).
 * A file is only ever rewritten in an encoding whose round trip was checked on its original bytes,
 * so `--fix` changes no byte it was not asked to.
 */
export type SourceText =
  | { readonly kind: 'text'; readonly text: string; readonly encode: (text: string) => Uint8Array | undefined }
  /** Readable for analysis, but there is no exact way back to bytes: report findings, never rewrite. */
  | { readonly kind: 'readOnly'; readonly text: string; readonly why: string }
  | { readonly kind: 'notText'; readonly why: string };

/** PEP 263's own pattern for the cookie, on line 1 or 2 (the second only after a comment or blank line). */
const COOKIE = /^[ \t\f]*#.*?coding[:=][ \t]*([-\w.]+)/;

/** The coding a file declares, or undefined. */
export function declaredCoding(bytes: Uint8Array): string | undefined {
  // Cookies are ASCII; latin1 maps each byte to one character, so offsets in the first lines stay bytes.
  const head = Buffer.from(bytes.subarray(0, 1024)).toString('latin1').split(/\r\n|\r|\n/, 2);
  const first = COOKIE.exec(head[0] ?? '');
  if (first) return first[1];
  if (head.length > 1 && /^[ \t\f]*(#.*)?$/.test(head[0])) return COOKIE.exec(head[1])?.[1];
  return undefined;
}

/** Python's normalisation of coding names: `Latin_1` → `latin-1`, `utf-8-unix` → `utf-8`. */
function normalise(name: string): string {
  const n = name.toLowerCase().replace(/_/g, '-');
  if (n === 'utf-8' || n.startsWith('utf-8-') || n === 'utf8') return 'utf-8';
  if (['latin-1', 'iso-8859-1', 'iso8859-1', 'latin1', 'l1', 'iso-latin-1'].includes(n) || n.startsWith('latin-1-') || n.startsWith('iso-8859-1-')) return 'latin-1';
  if (['cp1252', 'windows-1252'].includes(n)) return 'cp1252';
  if (['ascii', 'us-ascii', '646'].includes(n)) return 'ascii';
  return n;
}

const UTF8_BOM = [0xef, 0xbb, 0xbf];

export function decodeSource(bytes: Uint8Array): SourceText {
  if (bytes.includes(0)) return { kind: 'notText', why: 'not text (it holds NUL bytes)' };
  const bom = UTF8_BOM.every((b, i) => bytes[i] === b);
  const declared = declaredCoding(bytes);
  const coding = bom || declared === undefined ? 'utf-8' : normalise(declared);
  switch (coding) {
    case 'utf-8':
      return exact(bytes, utf8Decode, (t) => Buffer.from(t, 'utf8'), declared === undefined && !bom ? 'not text: not valid UTF-8, and it declares no coding (PEP 263)' : 'not valid UTF-8, its declared coding');
    case 'latin-1':
      return exact(bytes, (b) => Buffer.from(b).toString('latin1'), latin1Encode, '');
    case 'ascii':
      return exact(bytes, (b) => (b.every((x) => x < 0x80) ? Buffer.from(b).toString('latin1') : undefined), asciiEncode, 'not valid ASCII, its declared coding');
    case 'cp1252':
      return exact(bytes, cp1252Decode, cp1252Encode, 'not valid cp1252, its declared coding');
    default:
      return otherCoding(bytes, declared!);
  }
}

/**
 * Decodes with `decode`, and accepts `encode` as the way back only when it gives back the original
 * bytes exactly; `invalid` is the reason when decoding fails.
 */
function exact(bytes: Uint8Array, decode: (b: Uint8Array) => string | undefined, encode: (t: string) => Uint8Array | undefined, invalid: string): SourceText {
  const text = decode(bytes);
  if (text === undefined) return { kind: 'notText', why: invalid };
  const back = encode(text);
  if (!back || !sameBytes(back, bytes)) return { kind: 'readOnly', text, why: 'its bytes do not survive a round trip through its coding' };
  return { kind: 'text', text, encode };
}

/** A coding we cannot write back: still read it when the platform knows it, to report its findings. */
function otherCoding(bytes: Uint8Array, declared: string): SourceText {
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(declared, { fatal: true });
  } catch {
    return { kind: 'notText', why: `declares coding '${declared}', which loss-lens cannot decode` };
  }
  try {
    return { kind: 'readOnly', text: decoder.decode(bytes), why: `--fix writes only UTF-8, Latin-1, cp1252 and ASCII files; this one declares '${declared}'` };
  } catch {
    return { kind: 'notText', why: `not valid ${declared}, its declared coding` };
  }
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && Buffer.compare(a, b) === 0;
}

function utf8Decode(b: Uint8Array): string | undefined {
  try {
    // ignoreBOM keeps a BOM in the text, so it is written back.
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(b);
  } catch {
    return undefined;
  }
}

function latin1Encode(t: string): Uint8Array | undefined {
  for (let i = 0; i < t.length; i++) if (t.charCodeAt(i) > 0xff) return undefined;
  return Buffer.from(t, 'latin1');
}

function asciiEncode(t: string): Uint8Array | undefined {
  for (let i = 0; i < t.length; i++) if (t.charCodeAt(i) > 0x7f) return undefined;
  return Buffer.from(t, 'latin1');
}

/**
 * cp1252 differs from Latin-1 only in 0x80-0x9f (Node's TextDecoder decodes it as Latin-1, so the
 * table is ours); the five empty places are bytes Python leaves undefined.
 */
const CP1252_HIGH = '€\u0000‚ƒ„…†‡ˆ‰Š‹Œ\u0000Ž\u0000\u0000‘’“”•–—˜™š›œ\u0000žŸ';

function cp1252Decode(b: Uint8Array): string | undefined {
  let out = '';
  for (const x of b) {
    const c = x >= 0x80 && x < 0xa0 ? CP1252_HIGH[x - 0x80] : String.fromCharCode(x);
    if (c === '\u0000' && x !== 0) return undefined;
    out += c;
  }
  return out;
}

function cp1252Encode(t: string): Uint8Array | undefined {
  const out = new Uint8Array(t.length);
  for (let i = 0; i < t.length; i++) {
    const code = t.charCodeAt(i);
    const high = CP1252_HIGH.indexOf(t[i]);
    if (high >= 0 && code !== 0) out[i] = 0x80 + high;
    else if (code < 0x80 || (code >= 0xa0 && code <= 0xff)) out[i] = code;
    else return undefined;
  }
  return out;
}
