// Draws the tab bar's icons (81 × 81 PNG, as WeChat recommends; transparent, line style):
// `node miniapp/src/assets/tab/draw-icons.mjs`. Grey when not selected, brand red when selected
// (the tabBar colours of app.config.ts). No dependencies: strokes as distance fields, zlib for PNG.
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

const SIZE = 81;
const STROKE = 3.4;
const COLOURS = { normal: [0x8a, 0x8f, 0x99], active: [0xc8, 0x10, 0x2e] };

/** Distance from p to the segment a–b. */
function segment(px, py, [ax, ay], [bx, by]) {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - ax - t * dx, py - ay - t * dy);
}

/** Distance to the outline of a rounded rectangle. */
function roundedRect(px, py, x, y, w, h, r) {
  const cx = x + w / 2;
  const cy = y + h / 2;
  const qx = Math.abs(px - cx) - (w / 2 - r);
  const qy = Math.abs(py - cy) - (h / 2 - r);
  const outside = Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - r;
  return Math.abs(outside);
}

const polyline = (points) => (px, py) => Math.min(...points.slice(1).map((p, i) => segment(px, py, points[i], p)));
const rect =
  (...args) =>
  (px, py) =>
    roundedRect(px, py, ...args);
const union =
  (...shapes) =>
  (px, py) =>
    Math.min(...shapes.map((s) => s(px, py)));

const ICONS = {
  // 会员卡: a card with its magnetic stripe and a name line.
  card: union(
    rect(12, 20, 57, 41, 7),
    polyline([
      [12, 32],
      [69, 32],
    ]),
    polyline([
      [20, 48],
      [36, 48],
    ]),
  ),
  // 积分明细: a sheet with lines.
  ledger: union(
    rect(18, 12, 45, 57, 6),
    polyline([
      [27, 28],
      [54, 28],
    ]),
    polyline([
      [27, 40],
      [54, 40],
    ]),
    polyline([
      [27, 52],
      [44, 52],
    ]),
  ),
  // 门店: a shop with an awning and a door.
  stores: union(
    polyline([
      [14, 32],
      [20, 16],
      [61, 16],
      [67, 32],
      [14, 32],
    ]),
    polyline([
      [18, 34],
      [18, 66],
      [63, 66],
      [63, 34],
    ]),
    polyline([
      [34, 66],
      [34, 48],
      [47, 48],
      [47, 66],
    ]),
  ),
};

function png(shape, [r, g, b]) {
  const rows = [];
  for (let y = 0; y < SIZE; y++) {
    const row = Buffer.alloc(1 + SIZE * 4);
    for (let x = 0; x < SIZE; x++) {
      // 4 × 4 samples per pixel for smooth edges.
      let covered = 0;
      for (let sy = 0; sy < 4; sy++) for (let sx = 0; sx < 4; sx++) if (shape(x + (sx + 0.5) / 4, y + (sy + 0.5) / 4) <= STROKE / 2) covered++;
      row.set([r, g, b, Math.round((covered / 16) * 255)], 1 + x * 4);
    }
    rows.push(row);
  }
  const chunk = (type, data) => {
    const body = Buffer.concat([Buffer.from(type), data]);
    const out = Buffer.alloc(12 + data.length);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc32(body), 8 + data.length);
    return out;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(SIZE, 0);
  header.writeUInt32BE(SIZE, 4);
  header.set([8, 6, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat(rows), { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function crc32(buf) {
  let c = ~0;
  for (const byte of buf) {
    c ^= byte;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1;
  }
  return ~c >>> 0;
}

const dir = dirname(fileURLToPath(import.meta.url));
for (const [name, shape] of Object.entries(ICONS)) {
  writeFileSync(join(dir, `${name}.png`), png(shape, COLOURS.normal));
  writeFileSync(join(dir, `${name}-active.png`), png(shape, COLOURS.active));
}
