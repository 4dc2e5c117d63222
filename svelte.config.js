/**
 * Every component in runes mode, the app's one way of writing state: a component with no rune of
 * its own is otherwise compiled in legacy mode, which loads Svelte's legacy runtime flag with it.
 */
export default {
  compilerOptions: { runes: true },
};
