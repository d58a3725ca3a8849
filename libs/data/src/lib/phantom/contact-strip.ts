// Contact strip for looking at the phantom next to real data: for 2 benign and 2 malignant
// phantom videos, frames 0, 8, ..., 40; then phantom BUSI images of each class; then real BUSI
// images of each class, if a real copy is given.
//   npx tsx libs/data/src/lib/phantom/contact-strip.ts <phantomDir> <out.png> [realBusiRoot]
// <phantomDir> is generatePhantom's outDir; realBusiRoot holds Dataset_BUSI_with_GT/.
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';

const TILE = 160;
const FRAMES = [0, 8, 16, 24, 32, 40];

interface Tile {
  path: string;
  label: string;
}

async function tileBuffer(t: Tile): Promise<Buffer> {
  const label = Buffer.from(
    `<svg width="${TILE}" height="${TILE}"><rect x="0" y="0" width="${TILE}" height="16" fill="black" opacity="0.6"/>` +
      `<text x="3" y="12" font-family="sans-serif" font-size="11" fill="#ffd34d">${t.label}</text></svg>`,
  );
  return sharp(t.path)
    .resize(TILE, TILE, { fit: 'fill' })
    .toColourspace('srgb')
    .composite([{ input: label, top: 0, left: 0 }])
    .png()
    .toBuffer();
}

async function videoRows(busv: string): Promise<Tile[][]> {
  const rows: Tile[][] = [];
  for (const cls of ['benign', 'malignant']) {
    const ids = (await readdir(join(busv, 'rawframes', cls))).sort().slice(0, 2);
    for (const id of ids) {
      rows.push(FRAMES.map((f) => ({ path: join(busv, 'rawframes', cls, id, `${String(f).padStart(6, '0')}.png`), label: `${cls} video ${id.slice(0, 6)} f${f}` })));
    }
  }
  return rows;
}

function busiRow(root: string, tag: string): Tile[] {
  const pick: Array<[string, number]> = [['benign', 3], ['benign', 50], ['malignant', 5], ['malignant', 60], ['normal', 7], ['normal', 40]];
  return pick.map(([cls, n]) => ({ path: join(root, 'Dataset_BUSI_with_GT', cls, `${cls} (${n}).png`), label: `${tag} ${cls} (${n})` }));
}

export async function contactStrip(phantomDir: string, out: string, realBusi?: string): Promise<void> {
  const rows = await videoRows(join(phantomDir, 'busv'));
  rows.push(busiRow(join(phantomDir, 'busi'), 'phantom BUSI'));
  if (realBusi) rows.push(busiRow(realBusi, 'real BUSI'));
  const composites = [];
  for (let r = 0; r < rows.length; r++) {
    for (let c = 0; c < rows[r].length; c++) {
      composites.push({ input: await tileBuffer(rows[r][c]), left: c * (TILE + 4), top: r * (TILE + 4) });
    }
  }
  const width = FRAMES.length * (TILE + 4) - 4;
  const height = rows.length * (TILE + 4) - 4;
  await sharp({ create: { width, height, channels: 3, background: '#202020' } }).composite(composites).png().toFile(out);
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop() ?? '\0')) {
  const [phantomDir, out, realBusi] = process.argv.slice(2);
  if (!phantomDir || !out) {
    console.error('usage: contact-strip.ts <phantomDir> <out.png> [realBusiRoot]');
    process.exit(2);
  }
  await contactStrip(phantomDir, out, realBusi);
  console.log(`wrote ${out}`);
}
