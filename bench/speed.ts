/**
 * A fixed piece of CPU work, timed at the start and end of a run: how fast the machine was while it
 * ran. On the shared virtual machine the benchmark runs on, the same code once took 40 % longer at
 * 20:35 than at 19:05 with nothing else running; the load average cannot show that.
 */
import { median } from './idbProbe';

/** Records in the probe's document: about 20 MB of JSON, a sixth of a 100k feed's shards. */
export const PROBE_RECORDS = 100_000;

export interface SpeedProbe {
  /** The median round, ms. */
  ms: number;
  /** Every round, ms. */
  rounds: number[];
  work: string;
}

/** The same document every time: a fixed seed, no clock. */
export function probeDocument(records = PROBE_RECORDS): string {
  let seed = 1;
  const next = (): number => (seed = (seed * 48271) % 2147483647);
  const word = (): string => next().toString(36);
  const rows = [];
  for (let i = 0; i < records; i++) {
    rows.push({ id: `${word()}-${word()}-${i}`, title: `${word()} ${word()} ${word()}`, topics: [word(), word()], words: next() % 5000, summary: Array.from({ length: 12 }, word).join(' ') });
  }
  return JSON.stringify(rows);
}

/** Parses and re-serialises the probe's document `rounds` times. */
export function speedProbe(rounds = 5, document = probeDocument()): SpeedProbe {
  const times: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const t = performance.now();
    JSON.stringify(JSON.parse(document));
    times.push(Math.round((performance.now() - t) * 10) / 10);
  }
  const mb = Math.round(document.length / 1e5) / 10;
  return { ms: median(times), rounds: times, work: `JSON.parse then JSON.stringify of a fixed ${mb} MB document, median of ${rounds}` };
}
