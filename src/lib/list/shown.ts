import { toQueryString, type ListParams } from './params';

/**
 * The params a list draws with. While the next keystroke's search runs, the cards, counts and
 * links on screen are the last answer's, so they keep that answer's query: a keystroke then
 * redraws nothing, and the page leaves both cores to the search until its answer is in.
 */
export function shownParams(params: ListParams, answered: string | null): ListParams {
  return answered === null || answered === params.q ? params : { ...params, q: answered };
}

/** The same list, whichever object says so. */
export function sameList(a: ListParams, b: ListParams): boolean {
  return a === b || toQueryString(a) === toQueryString(b);
}

/**
 * Hands back the value it last returned while each new one equals it, so what derives from it (a
 * `$derived` compares by identity) does not run again for an equal value in a new object.
 */
export function steady<T>(equal: (a: T, b: T) => boolean): (next: T) => T {
  let last: { value: T } | null = null;
  return (next) => {
    if (last === null || !equal(last.value, next)) last = { value: next };
    return last.value;
  };
}

/**
 * The search answer a list shows, given the one its query holds. While the next words' search
 * runs, the last answer stays on screen (svelte-query's placeholder), but only within one search:
 * after the list has shown no search (the box emptied), a previous search's answer is not brought
 * back for the first words of the next, which would show results for words no longer typed.
 */
export function searchOnScreen<A>(): (searching: boolean, data: A | undefined, placeholder: boolean) => A | null {
  let cleared = true;
  return (searching, data, placeholder) => {
    if (!searching) cleared = true;
    if (!searching || data === undefined || (placeholder && cleared)) return null;
    if (!placeholder) cleared = false;
    return data;
  };
}
