/**
 * How the size of each IndexedDB value changes what 4 MB costs to write and to read in Chromium, on
 * disk: Chromium stores a value over 64 KiB apart, as a blob (see the README's *2026-12-04 night*
 * entry on text block sizes). Values of each size hold 50 strings, as a text block holds 50 rows;
 * each size is written in one transaction, then read in one.
 *
 *   npx tsx bench/valueSize.ts [--rounds 5]
 */
import { parseArgs } from 'node:util';
import { idbHelpers, median, openProbePage } from './idbProbe';

const { values } = parseArgs({ options: { rounds: { type: 'string', default: '5' } } });
const rounds = Number(values.rounds);
const SIZES_KB = [48, 56, 61, 63, 66, 72, 96];

const { page, version, close } = await openProbePage('value-size');
try {
  const helpers = `${idbHelpers('values', "db.createObjectStore('values')")}
    const countOf = (kb) => Math.round(4000000 / (kb * 1024));`;
  const timings: { kb: number; count: number; write: number; read: number; reread: number }[] = [];
  for (let round = 0; round < rounds; round++) {
    const written = (await page.evaluate(`(async ({ sizes, round }) => {${helpers}
      const db = await open('sizes');
      const text = (length, seed) => {
        let out = '';
        for (let x = seed; out.length < length; ) out += (x = (Math.imul(x, 1103515245) + 12345) >>> 0).toString(36) + ' ';
        return out.slice(0, length);
      };
      const out = [];
      for (const kb of sizes) {
        const count = countOf(kb);
        const rowLength = Math.floor((kb * 1024 - 600) / 50);
        const values = Array.from({ length: count }, (_, i) => ({ rows: Array.from({ length: 50 }, (_, j) => text(rowLength, round * 100000 + i * 50 + j)) }));
        const prefix = round + '-' + kb + '-';
        const write = await timed(db, 'readwrite', (store) => values.forEach((value, i) => store.put(value, prefix + i)));
        const read = await timed(db, 'readonly', (store) => values.forEach((_, i) => store.get(prefix + i)));
        out.push({ kb, count, write, read });
      }
      return out;
    })(${JSON.stringify({ sizes: SIZES_KB, round })})`)) as { kb: number; count: number; write: number; read: number }[];
    // A reload drops what the page's connection had just written; the app reads its records after one.
    await page.reload();
    const reread = (await page.evaluate(`(async ({ sizes, round }) => {${helpers}
      const db = await open('sizes');
      const out = [];
      for (const kb of sizes) out.push(await timed(db, 'readonly', (store) => { for (let i = 0; i < countOf(kb); i++) store.get(round + '-' + kb + '-' + i); }));
      return out;
    })(${JSON.stringify({ sizes: SIZES_KB, round })})`)) as number[];
    written.forEach((w, i) => timings.push({ ...w, reread: reread[i] ?? Number.NaN }));
  }
  console.log(`Chromium ${version}, ${rounds} rounds, 4 MB each, median ms:`);
  for (const kb of SIZES_KB) {
    const rows = timings.filter((t) => t.kb === kb);
    console.log(`  ${String(kb).padStart(3)} KB values × ${rows[0]?.count}: write ${median(rows.map((t) => t.write)).toFixed(0).padStart(4)}, read as written ${median(rows.map((t) => t.read)).toFixed(0).padStart(4)}, after a reload ${median(rows.map((t) => t.reread)).toFixed(0).padStart(4)}`);
  }
} finally {
  await close();
}
