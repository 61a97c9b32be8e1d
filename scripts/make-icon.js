// Draws media/icon.png (128×128): a magnifying lens over a loss curve that drops and flattens. Kept as a script so
// the icon is reproducible without an image editor: `node scripts/make-icon.js`.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const zlib = require('node:zlib');

const SIZE = 128;
const SS = 4; // supersampling per axis for anti-aliased edges

const hex = (h) => [1, 3, 5].map((i) => parseInt(h.slice(i, i + 2), 16));
const BG = hex('#1e2a44');
const CURVE = hex('#ffb000');
const LENS = hex('#e8eefc');

const distSegment = (px, py, ax, ay, bx, by) => {
  const vx = bx - ax, vy = by - ay;
  const t = Math.max(0, Math.min(1, ((px - ax) * vx + (py - ay) * vy) / (vx * vx + vy * vy)));
  return Math.hypot(px - (ax + t * vx), py - (ay + t * vy));
};
const curve = Array.from({ length: 41 }, (_, i) => [32 + i * 1.2, 36 + 38 * (1 - Math.exp(-(i * 1.2) / 9))]);
const distCurve = (x, y) => {
  let d = Infinity;
  for (let i = 1; i < curve.length; i++) d = Math.min(d, distSegment(x, y, ...curve[i - 1], ...curve[i]));
  return d;
};
const insideRoundedSquare = (x, y, r = 20) => {
  const cx = Math.max(r, Math.min(SIZE - r, x)), cy = Math.max(r, Math.min(SIZE - r, y));
  return Math.hypot(x - cx, y - cy) <= r;
};

/** Colour (with alpha) of one sample point; later layers paint over earlier ones. */
function sample(x, y) {
  if (!insideRoundedSquare(x, y)) return [0, 0, 0, 0];
  let c = [...BG, 255];
  const lensR = Math.hypot(x - 56, y - 56);
  if (lensR < 33) c = [c[0] + 12, c[1] + 16, c[2] + 26, 255]; // the glass, slightly lighter
  if (distCurve(x, y) < 3) c = [...CURVE, 255];
  if (Math.abs(lensR - 36) < 4) c = [...LENS, 255];
  if (distSegment(x, y, 83, 83, 110, 110) < 6) c = [...LENS, 255];
  return c;
}

const raw = Buffer.alloc(SIZE * (SIZE * 4 + 1));
for (let y = 0; y < SIZE; y++) {
  raw[y * (SIZE * 4 + 1)] = 0; // filter: none
  for (let x = 0; x < SIZE; x++) {
    const acc = [0, 0, 0, 0];
    for (let sy = 0; sy < SS; sy++)
      for (let sx = 0; sx < SS; sx++) {
        const c = sample(x + (sx + 0.5) / SS, y + (sy + 0.5) / SS);
        for (let k = 0; k < 3; k++) acc[k] += c[k] * c[3];
        acc[3] += c[3];
      }
    const o = y * (SIZE * 4 + 1) + 1 + x * 4;
    for (let k = 0; k < 3; k++) raw[o + k] = acc[3] ? Math.round(acc[k] / acc[3]) : 0;
    raw[o + 3] = Math.round(acc[3] / (SS * SS));
  }
}

function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(zlib.crc32(body));
  return Buffer.concat([len, body, crc]);
}
const ihdr = Buffer.alloc(13);
ihdr.writeUInt32BE(SIZE, 0);
ihdr.writeUInt32BE(SIZE, 4);
ihdr.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk('IHDR', ihdr),
  chunk('IDAT', zlib.deflateSync(raw, { level: 9 })),
  chunk('IEND', Buffer.alloc(0)),
]);
const out = path.join(__dirname, '..', 'media', 'icon.png');
fs.writeFileSync(out, png);
console.log(`wrote ${out} (${png.length} bytes)`);
