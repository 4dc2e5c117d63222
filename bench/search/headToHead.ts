/**
 * Folio against its fastest peer, run again in turn (`--rematch N`). Each engine is timed in a child
 * process of its own, one after another, and this machine's speed swings by a third within minutes
 * (its speed probe read 260 ms before one child and 344 ms before the next): one run's ratio of two
 * p95s can be that swing. Alternating the two engines' children and taking each one's median p95
 * over all its runs leaves the verdict to the code.
 */
import { quantile } from '../report';
import type { NodeEngineName } from './engines';

export interface HeadToHeadRun {
  engine: NodeEngineName;
  p50: number;
  p95: number;
  /** The speed probe just before the child ran, ms (lower is faster). */
  speedMs: number;
}

export interface HeadToHead {
  peer: NodeEngineName;
  /** The main run's figures first, then the extra runs in the order they ran. */
  runs: HeadToHeadRun[];
  medianP95: { folio: number; peer: number };
  /** In how many of the pairs (the main run's and each extra one's) Folio's p95 was the lower. */
  folioAhead: number;
  pairs: number;
}

/** The peer Folio must beat by the smallest margin: the Node engine with the lowest p95 besides Folio. */
export function fastestPeer(results: readonly { engine: string; p95: number | undefined }[]): NodeEngineName | null {
  const peers = results.filter((r): r is { engine: NodeEngineName; p95: number } => r.engine !== 'folio' && r.engine !== 'pagefind' && r.p95 !== undefined && Number.isFinite(r.p95));
  return peers.sort((a, b) => a.p95 - b.p95)[0]?.engine ?? null;
}

/** The extra runs' order: the peer first in the first pair, Folio first in the next, and so on. */
export function rematchOrder(peer: NodeEngineName, pairs: number): NodeEngineName[] {
  return Array.from({ length: pairs }, (_, i): NodeEngineName[] => (i % 2 === 0 ? [peer, 'folio'] : ['folio', peer])).flat();
}

export function summarise(peer: NodeEngineName, runs: readonly HeadToHeadRun[]): HeadToHead {
  const of = (engine: NodeEngineName) => runs.filter((r) => r.engine === engine).map((r) => r.p95);
  const folio = of('folio');
  const rival = of(peer);
  const pairs = Math.min(folio.length, rival.length);
  let folioAhead = 0;
  for (let i = 0; i < pairs; i++) if ((folio[i] as number) < (rival[i] as number)) folioAhead++;
  return { peer, runs: [...runs], medianP95: { folio: quantile(folio, 0.5), peer: quantile(rival, 0.5) }, folioAhead, pairs };
}
