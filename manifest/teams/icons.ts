// Draws the app icons with pngjs: color.png (192×192, accent background) and outline.png (32×32, white on transparent).
// Run `npx tsx manifest/teams/icons.ts` after changing the drawing; the PNGs are committed.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PNG } from 'pngjs';

type Rgba = readonly [number, number, number, number];

/** A video-camera glyph: a rounded body and a lens triangle, inside a `size` box, as a hit test in unit space. */
function camera(u: number, v: number): boolean {
  const body = u >= 0.05 && u <= 0.68 && v >= 0.22 && v <= 0.78;
  const corner = 0.08;
  const inCorner = (cu: number, cv: number) => (u - cu) ** 2 + (v - cv) ** 2 > corner ** 2;
  const rounded =
    body &&
    !(u < 0.05 + corner && v < 0.22 + corner && inCorner(0.05 + corner, 0.22 + corner)) &&
    !(u < 0.05 + corner && v > 0.78 - corner && inCorner(0.05 + corner, 0.78 - corner)) &&
    !(u > 0.68 - corner && v < 0.22 + corner && inCorner(0.68 - corner, 0.22 + corner)) &&
    !(u > 0.68 - corner && v > 0.78 - corner && inCorner(0.68 - corner, 0.78 - corner));
  const lens = u >= 0.72 && u <= 0.95 && Math.abs(v - 0.5) <= 0.1 + (u - 0.72) * 0.9;
  return rounded || lens;
}

/** Renders a square icon: `background` everywhere, the glyph in white inside [pad, size - pad). */
function drawIcon(size: number, pad: number, background: Rgba): PNG {
  const png = new PNG({ width: size, height: size });
  const inner = size - 2 * pad;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const u = (x + 0.5 - pad) / inner;
      const v = (y + 0.5 - pad) / inner;
      const on = u >= 0 && u <= 1 && v >= 0 && v <= 1 && camera(u, v);
      const [r, g, b, a] = on ? ([255, 255, 255, 255] as const) : background;
      const i = (y * size + x) * 4;
      png.data[i] = r;
      png.data[i + 1] = g;
      png.data[i + 2] = b;
      png.data[i + 3] = a;
    }
  }
  return png;
}

if (require.main === module) {
  const dir = __dirname;
  // Teams: color 192×192 with the symbol in the middle 96×96; outline 32×32, white on fully transparent, no padding.
  writeFileSync(join(dir, 'color.png'), PNG.sync.write(drawIcon(192, 48, [0x4b, 0x53, 0xbc, 255])));
  writeFileSync(join(dir, 'outline.png'), PNG.sync.write(drawIcon(32, 0, [0, 0, 0, 0])));
  console.log('wrote color.png and outline.png');
}
