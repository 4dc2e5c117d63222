/**
 * Makes a value whose effects (svelte-query's queries, for one) live in an effect root of their own,
 * as long as the page: for state made before any component mounts.
 */
export function rooted<T>(make: () => T): T {
  const made: T[] = [];
  $effect.root(() => {
    made.push(make());
  });
  if (made.length === 0) throw new Error('rooted: the effect root did not run');
  return made[0] as T;
}
