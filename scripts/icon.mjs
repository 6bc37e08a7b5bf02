// Draws the extension icon (128×128 PNG) without any image library: a teal rounded square with a white
// document whose three lines end in a red, an amber and a green mark (deadline, funding, deliverability).
import { deflateSync } from 'node:zlib';
import { writeFileSync } from 'node:fs';

const W = 128;
const px = Buffer.alloc(W * W * 4);
const set = (x, y, [r, g, b, a = 255]) => {
  const i = (y * W + x) * 4;
  px[i] = r;
  px[i + 1] = g;
  px[i + 2] = b;
  px[i + 3] = a;
};
const rect = (x0, y0, x1, y1, c) => {
  for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) set(x, y, c);
};
const inRounded = (x, y, r) => {
  const cx = x < r ? r : x >= W - r ? W - r - 1 : x;
  const cy = y < r ? r : y >= W - r ? W - r - 1 : y;
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
};
for (let y = 0; y < W; y++) for (let x = 0; x < W; x++) set(x, y, inRounded(x, y, 22) ? [0, 94, 98] : [0, 0, 0, 0]);
rect(30, 18, 98, 110, [255, 255, 255]);
const marks = [
  [196, 43, 28],
  [230, 150, 20],
  [46, 125, 50],
];
marks.forEach((c, i) => {
  const y = 36 + i * 24;
  rect(40, y, 74, y + 8, [90, 100, 110]);
  rect(80, y - 2, 90, y + 10, c);
});
const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc = (buf) => {
  let c = 0xffffffff;
  for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
const chunk = (type, data) => {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type), data]);
  const c = Buffer.alloc(4);
  c.writeUInt32BE(crc(td));
  return Buffer.concat([len, td, c]);
};
const ihdr = Buffer.alloc(13);
ihdr.writeUInt32BE(W, 0);
ihdr.writeUInt32BE(W, 4);
ihdr[8] = 8;
ihdr[9] = 6;
const raw = Buffer.alloc(W * (W * 4 + 1));
for (let y = 0; y < W; y++) px.copy(raw, y * (W * 4 + 1) + 1, y * W * 4, (y + 1) * W * 4);
const png = Buffer.concat([
  Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]),
  chunk('IHDR', ihdr),
  chunk('IDAT', deflateSync(raw)),
  chunk('IEND', Buffer.alloc(0)),
]);
writeFileSync(new URL('../images/icon.png', import.meta.url), png);
