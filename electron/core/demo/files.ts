/**
 * Small attachment files for the demo, made in code: PNG pictures (a minimal
 * encoder over node:zlib with its own CRC32) that look roughly like a meeting
 * photo or a scanned 签到表, and one-page PDFs. Deterministic for a given Rng.
 */
import zlib from 'node:zlib';
import { Rng } from './random.js';

// ---------- PNG ----------

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

export function crc32(bytes: Uint8Array, crc = 0): number {
  let c = (crc ^ 0xffffffff) >>> 0;
  for (let i = 0; i < bytes.length; i++) c = CRC_TABLE[(c ^ bytes[i]!) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const typeAndData = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typeAndData));
  return Buffer.concat([len, typeAndData, crc]);
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** An 8-bit RGB PNG of `rgb` (width × height × 3 bytes, row by row). */
export function encodePng(width: number, height: number, rgb: Uint8Array): Buffer {
  if (rgb.length !== width * height * 3) throw new Error('encodePng: wrong pixel buffer size');
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // colour type: RGB
  ihdr[10] = 0; // deflate
  ihdr[11] = 0; // adaptive filtering
  ihdr[12] = 0; // no interlace
  const stride = width * 3;
  const raw = Buffer.alloc((stride + 1) * height);
  for (let y = 0; y < height; y++) {
    const at = y * (stride + 1);
    raw[at] = 1; // filter "Sub": each byte minus the one to its left
    for (let x = 0; x < stride; x++) {
      const v = rgb[y * stride + x]!;
      const left = x >= 3 ? rgb[y * stride + x - 3]! : 0;
      raw[at + 1 + x] = (v - left) & 0xff;
    }
  }
  return Buffer.concat([PNG_SIGNATURE, chunk('IHDR', ihdr), chunk('IDAT', zlib.deflateSync(raw, { level: 6 })), chunk('IEND', Buffer.alloc(0))]);
}

type Rgb = [number, number, number];

class Canvas {
  readonly px: Uint8Array;
  constructor(
    readonly w: number,
    readonly h: number,
  ) {
    this.px = new Uint8Array(w * h * 3);
  }
  set(x: number, y: number, [r, g, b]: Rgb) {
    if (x < 0 || y < 0 || x >= this.w || y >= this.h) return;
    const i = (y * this.w + x) * 3;
    this.px[i] = r;
    this.px[i + 1] = g;
    this.px[i + 2] = b;
  }
  rect(x0: number, y0: number, x1: number, y1: number, c: Rgb) {
    for (let y = Math.max(0, y0); y < Math.min(this.h, y1); y++) for (let x = Math.max(0, x0); x < Math.min(this.w, x1); x++) this.set(x, y, c);
  }
  disc(cx: number, cy: number, r: number, c: Rgb) {
    for (let y = cy - r; y <= cy + r; y++) for (let x = cx - r; x <= cx + r; x++) if ((x - cx) ** 2 + (y - cy) ** 2 <= r * r) this.set(x, y, c);
  }
  /** Noise of ±amp on a share `density` of the pixels (what makes a photo a photo, and sets the file size). */
  noise(rng: Rng, amp: number, density = 1) {
    if (amp <= 0 || density <= 0) return;
    for (let p = 0; p < this.w * this.h; p++) {
      if (density < 1 && rng.next() >= density) continue;
      for (let k = 0; k < 3; k++) {
        const i = p * 3 + k;
        this.px[i] = Math.max(0, Math.min(255, this.px[i]! + rng.int(-amp, amp)));
      }
    }
  }
  /** A box-filtered copy at a smaller size (thumbnails). */
  scaled(w: number, h: number): Canvas {
    const out = new Canvas(w, h);
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++) {
        const sx0 = Math.floor((x * this.w) / w);
        const sx1 = Math.max(sx0 + 1, Math.floor(((x + 1) * this.w) / w));
        const sy0 = Math.floor((y * this.h) / h);
        const sy1 = Math.max(sy0 + 1, Math.floor(((y + 1) * this.h) / h));
        const sum = [0, 0, 0];
        let n = 0;
        for (let sy = sy0; sy < sy1; sy++)
          for (let sx = sx0; sx < sx1; sx++) {
            const i = (sy * this.w + sx) * 3;
            sum[0]! += this.px[i]!;
            sum[1]! += this.px[i + 1]!;
            sum[2]! += this.px[i + 2]!;
            n++;
          }
        out.set(x, y, [Math.round(sum[0]! / n), Math.round(sum[1]! / n), Math.round(sum[2]! / n)]);
      }
    }
    return out;
  }
  png(): Buffer {
    return encodePng(this.w, this.h, this.px);
  }
}

const mix = (a: Rgb, b: Rgb, t: number): Rgb => [0, 1, 2].map((i) => Math.round(a[i]! + (b[i]! - a[i]!) * t)) as Rgb;
const jitter = (rng: Rng, c: Rgb, d: number): Rgb => c.map((v) => Math.max(0, Math.min(255, v + rng.int(-d, d)))) as Rgb;

/** A meeting photo, roughly: sky or wall, a red banner, rows of people in red work clothes. */
function drawPhoto(rng: Rng, w: number, h: number): Canvas {
  const c = new Canvas(w, h);
  const indoor = rng.chance(0.6);
  const top: Rgb = indoor ? jitter(rng, [226, 220, 204], 12) : jitter(rng, [120, 170, 225], 20);
  const bottom: Rgb = indoor ? jitter(rng, [190, 180, 160], 12) : jitter(rng, [196, 176, 128], 20);
  const horizon = Math.floor(h * (0.45 + rng.next() * 0.15));
  for (let y = 0; y < h; y++) c.rect(0, y, w, y + 1, y < horizon ? mix(top, mix(top, bottom, 0.3), y / horizon) : mix(bottom, [120, 105, 80], (y - horizon) / (h - horizon)));
  // the banner: 党旗 red with a gold square, or a blue 安全生产 board
  const bw = Math.floor(w * (0.5 + rng.next() * 0.3));
  const bx = Math.floor((w - bw) / 2);
  const by = Math.floor(h * 0.08);
  const bh = Math.max(6, Math.floor(h * 0.12));
  const banner: Rgb = rng.chance(0.7) ? [200, 16, 46] : [30, 80, 160];
  c.rect(bx, by, bx + bw, by + bh, banner);
  for (let k = 0; k < Math.floor(bw / 12); k++) c.rect(bx + 6 + k * 12, by + Math.floor(bh / 3), bx + 12 + k * 12, by + Math.floor((2 * bh) / 3), [250, 220, 90]);
  if (!indoor) {
    // a derrick on the horizon
    const dx = rng.int(Math.floor(w * 0.1), Math.floor(w * 0.9));
    for (let y = Math.floor(h * 0.1); y < horizon; y++) {
      const half = Math.floor(((y - h * 0.1) / (horizon - h * 0.1)) * (w * 0.06)) + 1;
      c.set(dx - half, y, [60, 60, 70]);
      c.set(dx + half, y, [60, 60, 70]);
      if (y % 6 === 0) c.rect(dx - half, y, dx + half, y + 1, [70, 70, 80]);
    }
  }
  // rows of people
  const rows = rng.int(2, 3);
  for (let r = 0; r < rows; r++) {
    const y = horizon + Math.floor(((r + 0.6) * (h - horizon)) / (rows + 0.5));
    const size = Math.max(2, Math.floor(h / 22) + r);
    const step = size * 3 + rng.int(0, 3);
    for (let x = rng.int(2, step); x < w - 2; x += step) {
      const coat: Rgb = rng.chance(0.8) ? jitter(rng, [205, 40, 35], 18) : jitter(rng, [40, 60, 110], 18);
      c.rect(x - size, y, x + size + 1, y + size * 3, coat);
      c.disc(x, y - size, size, jitter(rng, [232, 190, 160], 10));
      c.rect(x - size, y - size * 2, x + size + 1, y - size - Math.floor(size / 2), rng.chance(0.5) ? [30, 30, 30] : [240, 240, 240]);
    }
  }
  return c;
}

/** A scanned sign-in sheet: paper, a grid, signatures as dark scribbles. */
function drawSheet(rng: Rng, w: number, h: number): Canvas {
  const c = new Canvas(w, h);
  c.rect(0, 0, w, h, jitter(rng, [246, 244, 236], 6));
  const cols = 4;
  const rows = Math.max(6, Math.floor(h / 14));
  const x0 = Math.floor(w * 0.06);
  const y0 = Math.floor(h * 0.12);
  const cw = Math.floor((w * 0.88) / cols);
  const rh = Math.floor((h * 0.82) / rows);
  const ink: Rgb = [40, 40, 48];
  c.rect(Math.floor(w * 0.3), Math.floor(h * 0.03), Math.floor(w * 0.7), Math.floor(h * 0.03) + 3, ink);
  for (let i = 0; i <= rows; i++) c.rect(x0, y0 + i * rh, x0 + cols * cw, y0 + i * rh + 1, [90, 90, 90]);
  for (let j = 0; j <= cols; j++) c.rect(x0 + j * cw, y0, x0 + j * cw + 1, y0 + rows * rh, [90, 90, 90]);
  const pen: Rgb = rng.chance(0.5) ? [20, 30, 90] : [25, 25, 25];
  for (let i = 1; i < rows; i++) {
    for (let j = 0; j < cols; j++) {
      if (j > 0 && rng.chance(0.15)) continue;
      let x = x0 + j * cw + 3;
      let y = y0 + i * rh + Math.floor(rh / 2);
      const end = x0 + (j + 1) * cw - 3;
      while (x < end) {
        c.set(x, y, pen);
        c.set(x, y + 1, pen);
        x++;
        y = Math.max(y0 + i * rh + 2, Math.min(y0 + (i + 1) * rh - 2, y + rng.int(-1, 1)));
      }
    }
  }
  return c;
}

export interface DemoImage {
  png: Buffer;
  thumb: Buffer;
  width: number;
  height: number;
}

const MIN_BYTES = 2 * 1024;
const MAX_BYTES = 20 * 1024;

/** A PNG of about 2–20 KB (noise is what sets the size) and a thumbnail of it. */
export function makeImage(rng: Rng, kind: 'photo' | 'sheet'): DemoImage {
  let w = kind === 'photo' ? rng.int(120, 220) : rng.int(110, 170);
  let h = kind === 'photo' ? Math.floor((w * 3) / 4) : Math.floor(w * 1.3);
  const seed = rng.int(0, 2 ** 31);
  const draw = () => {
    const r = new Rng(seed);
    return kind === 'photo' ? drawPhoto(r, w, h) : drawSheet(r, w, h);
  };
  let base = draw();
  const amp = kind === 'photo' ? 6 : 3;
  const target = rng.int(MIN_BYTES + 512, MAX_BYTES - 2048);
  let density = 0.3;
  let png: Buffer = Buffer.alloc(0);
  let canvas = base;
  for (let attempt = 0; attempt < 8; attempt++) {
    canvas = new Canvas(w, h);
    canvas.px.set(base.px);
    canvas.noise(rng, amp, density);
    png = canvas.png();
    if (png.length >= MIN_BYTES && png.length <= MAX_BYTES && Math.abs(png.length - target) < target * 0.45) break;
    if (png.length > MAX_BYTES && density < 0.02) {
      // too big even with hardly any noise: a smaller picture
      w = Math.max(32, Math.floor(w * 0.8));
      h = Math.max(24, Math.floor(h * 0.8));
      base = draw();
      continue;
    }
    density = Math.min(1, Math.max(0.005, density * (target / Math.max(1, png.length)) ** 1.1));
  }
  const tw = 64;
  const th = Math.max(1, Math.round((h * tw) / w));
  return { png, thumb: canvas.scaled(tw, th).png(), width: w, height: h };
}

// ---------- PDF ----------

const pdfText = (s: string) => s.replace(/[\\()]/g, (m) => `\\${m}`).replace(/[^\x20-\x7e]/g, '?');

/**
 * A one-page A4 PDF: a title, a few lines of ASCII text and a ruled table, as
 * a scanned sign-in sheet or a lecture handout might look. Helvetica only (no
 * embedded fonts), so Chinese text is left out.
 */
export function makePdf(rng: Rng, title: string, lines: readonly string[]): Buffer {
  const ops: string[] = ['0.2 w', `BT /F1 18 Tf 72 780 Td (${pdfText(title)}) Tj ET`];
  lines.forEach((l, i) => ops.push(`BT /F1 11 Tf 72 ${750 - i * 16} Td (${pdfText(l)}) Tj ET`));
  const rows = rng.int(12, 24);
  const top = 700 - lines.length * 16;
  for (let i = 0; i <= rows; i++) ops.push(`72 ${top - i * 22} m 523 ${top - i * 22} l S`);
  for (const x of [72, 112, 262, 412, 523]) ops.push(`${x} ${top} m ${x} ${top - rows * 22} l S`);
  for (let i = 1; i <= rows; i++) ops.push(`BT /F1 10 Tf 80 ${top - i * 22 + 7} Td (${i}) Tj ET`);
  const content = ops.join('\n');
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>',
    `<< /Length ${Buffer.byteLength(content, 'latin1')} >>\nstream\n${content}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let out = '%PDF-1.4\n%\xe2\xe3\xcf\xd3\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(Buffer.byteLength(out, 'latin1'));
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out, 'latin1');
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const o of offsets) out += `${String(o).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}
