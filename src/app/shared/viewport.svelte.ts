import { MediaQuery } from 'svelte/reactivity';

/**
 * Wide screens (above 60rem) get side columns: the filter sidebar, the contents sidebar and the
 * header's links. Narrow ones get sheets, disclosures and a menu. Read at first render, so the
 * layout is right from the first paint; it listens only while something reads it.
 */
export const wideScreen = new MediaQuery('(min-width: 60.0625rem)');
