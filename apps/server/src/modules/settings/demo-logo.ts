import { encodePng } from './png.js';

type Rgb = readonly [number, number, number];

const SIZE = 160;
const TEAL_TOP: Rgb = [20, 150, 140];
const TEAL_BOTTOM: Rgb = [13, 95, 105];
const AMBER: Rgb = [245, 166, 35];
const WHITE: Rgb = [255, 255, 255];

/** Signed distance to a rounded square centred in the image (negative inside). */
function roundedSquare(x: number, y: number, half: number, radius: number): number {
  const qx = Math.abs(x - SIZE / 2) - (half - radius);
  const qy = Math.abs(y - SIZE / 2) - (half - radius);
  return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - radius;
}

/** Distance to the segment a–b. */
function segment(x: number, y: number, ax: number, ay: number, bx: number, by: number): number {
  const [px, py, dx, dy] = [x - ax, y - ay, bx - ax, by - ay];
  const t = Math.max(0, Math.min(1, (px * dx + py * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - t * dx, py - t * dy);
}

/** The colour at a point, or undefined where the logo is transparent. */
function colourAt(x: number, y: number): Rgb | undefined {
  if (roundedSquare(x, y, 76, 30) > 0) return undefined;
  // A parcel outline with a tick: "orders, taken care of".
  const box = Math.abs(roundedSquare(x, y, 44, 8)) < 6;
  const tick = Math.min(segment(x, y, 58, 82, 74, 98), segment(x, y, 74, 98, 106, 62)) < 8;
  if (tick) return AMBER;
  if (box && !(y < 80 && x > 88)) return WHITE; // gap in the top-right corner where the tick leaves
  const t = y / SIZE;
  return [0, 1, 2].map((i) => Math.round(TEAL_TOP[i]! * (1 - t) + TEAL_BOTTOM[i]! * t)) as unknown as Rgb;
}

/**
 * The demo company's logo, drawn at seed time: a teal rounded square with a white parcel and an
 * amber tick, 160 × 160 RGBA, anti-aliased by 4 × 4 supersampling. About 3 KB.
 */
export function demoLogoPng(): Buffer {
  const rgba = new Uint8Array(SIZE * SIZE * 4);
  const n = 4;
  for (let y = 0; y < SIZE; y++) {
    for (let x = 0; x < SIZE; x++) {
      let [r, g, b, covered] = [0, 0, 0, 0];
      for (let sy = 0; sy < n; sy++) {
        for (let sx = 0; sx < n; sx++) {
          const c = colourAt(x + (sx + 0.5) / n, y + (sy + 0.5) / n);
          if (!c) continue;
          r += c[0];
          g += c[1];
          b += c[2];
          covered += 1;
        }
      }
      const o = (y * SIZE + x) * 4;
      if (covered === 0) continue;
      rgba[o] = Math.round(r / covered);
      rgba[o + 1] = Math.round(g / covered);
      rgba[o + 2] = Math.round(b / covered);
      rgba[o + 3] = Math.round((covered / (n * n)) * 255);
    }
  }
  return encodePng(SIZE, SIZE, rgba);
}
