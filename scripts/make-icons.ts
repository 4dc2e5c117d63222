/**
 * Renders the app icon SVG to the PNG sizes the web app manifest needs, with the system Chromium.
 * Run after changing the icon: `npx tsx scripts/make-icons.ts`. The PNGs are committed.
 */
import { chromium } from '@playwright/test';
import path from 'node:path';

const out = path.resolve(import.meta.dirname, '../public/icons');
const glyph = '<path d="M20 14h26v7H28v9h15v7H28v13h-8z" fill="#f4efe4"/><circle cx="47" cy="47" r="4" fill="#e0a458"/>';

// "any" icons keep the rounded tile; maskable ones fill the square and keep the glyph in the safe zone.
const rounded = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"><rect width="64" height="64" rx="14" fill="#1f2a44"/>${glyph}</svg>`;
const maskable = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"><rect width="64" height="64" fill="#1f2a44"/><g transform="translate(12.8 12.8) scale(0.6)">${glyph}</g></svg>`;

const icons = [
  { file: 'icon-192.png', size: 192, svg: rounded },
  { file: 'icon-512.png', size: 512, svg: rounded },
  { file: 'maskable-512.png', size: 512, svg: maskable },
  { file: 'apple-touch-icon-180.png', size: 180, svg: maskable },
];

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' });
const page = await browser.newPage();
for (const icon of icons) {
  await page.setViewportSize({ width: icon.size, height: icon.size });
  await page.setContent(`<style>html,body{margin:0;background:transparent}svg{display:block;width:100vw;height:100vh}</style>${icon.svg}`);
  await page.screenshot({ path: path.join(out, icon.file), omitBackground: true });
}
await browser.close();
console.log(`Wrote ${icons.length} icons to ${out}`);
