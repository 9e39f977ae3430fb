/**
 * `npm run gen:icons`: renders electron/build-resources/icon.svg into every icon electron-builder needs,
 * with the local Chromium (no download, no ImageMagick): `icons/<n>x<n>.png` (Linux, 16–1024 px), `icon.ico` (Windows: PNG entries 16–256 px) and `icon.icns` (macOS: PNG entries 16–1024 px).
 * The generated files are committed; run this again after editing the SVG.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const DIR = fileURLToPath(new URL('../build-resources/', import.meta.url));
const LINUX_SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024] as const;
const ICO_SIZES = [16, 24, 32, 48, 64, 128, 256] as const;
// ICNS entry types holding PNG data, by pixel size (ic10 is 512@2x).
const ICNS_TYPES: ReadonlyArray<readonly [string, number]> = [
  ['icp4', 16],
  ['icp5', 32],
  ['icp6', 64],
  ['ic07', 128],
  ['ic08', 256],
  ['ic09', 512],
  ['ic10', 1024],
];

/** Packs PNG images into a Windows .ico (PNG-compressed entries, Vista and later). */
function icoFile(images: ReadonlyArray<readonly [number, Buffer]>): Buffer {
  const header = Buffer.alloc(6 + 16 * images.length);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2); // 1 = icon
  header.writeUInt16LE(images.length, 4);
  let offset = header.length;
  images.forEach(([size, png], i) => {
    const at = 6 + 16 * i;
    header.writeUInt8(size >= 256 ? 0 : size, at); // 0 means 256
    header.writeUInt8(size >= 256 ? 0 : size, at + 1);
    header.writeUInt8(0, at + 2); // no palette
    header.writeUInt8(0, at + 3);
    header.writeUInt16LE(1, at + 4); // colour planes
    header.writeUInt16LE(32, at + 6); // bits per pixel
    header.writeUInt32LE(png.length, at + 8);
    header.writeUInt32LE(offset, at + 12);
    offset += png.length;
  });
  return Buffer.concat([header, ...images.map(([, png]) => png)]);
}

/** Packs PNG images into a macOS .icns. */
function icnsFile(entries: ReadonlyArray<readonly [string, Buffer]>): Buffer {
  const parts = entries.map(([type, png]) => {
    const head = Buffer.alloc(8);
    head.write(type, 0, 'ascii');
    head.writeUInt32BE(png.length + 8, 4);
    return Buffer.concat([head, png]);
  });
  const head = Buffer.alloc(8);
  head.write('icns', 0, 'ascii');
  head.writeUInt32BE(8 + parts.reduce((sum, p) => sum + p.length, 0), 4);
  return Buffer.concat([head, ...parts]);
}

const svg = readFileSync(`${DIR}icon.svg`).toString('base64');
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1024, height: 1024 }, deviceScaleFactor: 1 });
  const pngs = new Map<number, Buffer>();
  for (const size of LINUX_SIZES) {
    // Chromium rasterises the SVG at each size itself, so small icons stay crisp rather than being scaled down.
    // setContent waits for the load event, which includes the image.
    await page.setContent(`<html><body style="margin:0;background:transparent"><img width="${size}" height="${size}" src="data:image/svg+xml;base64,${svg}"></body></html>`);
    pngs.set(size, await page.screenshot({ clip: { x: 0, y: 0, width: size, height: size }, omitBackground: true }));
  }
  const png = (size: number): Buffer => pngs.get(size) ?? Buffer.alloc(0);
  mkdirSync(`${DIR}icons`, { recursive: true });
  for (const size of LINUX_SIZES) writeFileSync(`${DIR}icons/${size}x${size}.png`, png(size));
  writeFileSync(`${DIR}icon.ico`, icoFile(ICO_SIZES.map((size) => [size, png(size)] as const)));
  writeFileSync(`${DIR}icon.icns`, icnsFile(ICNS_TYPES.map(([type, size]) => [type, png(size)] as const)));
  console.log(`icons written to ${DIR}`);
} finally {
  await browser.close();
}
