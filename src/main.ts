import { mount, unmount } from 'svelte';
import HeadView from './app/head/HeadView.svelte';
import './app/styles.css';
import { isDefaultList, loadHead, localStore } from './lib/state/head';
import { applySettings, storedSettings } from './lib/state/settings.svelte';

/*
 * The entry paints the default list's first page from the head record with Svelte and the app's own
 * view code alone; the app (Dexie, svelte-query, the catalogue, the sync) loads right after that
 * paint and replaces it once its own list is ready (boot.ts).
 */

// Before the first paint, so a chosen theme or text size never flashes the default.
applySettings(storedSettings());

const target = document.getElementById('app') as HTMLElement;
const head = isDefaultList(window.location, import.meta.env.BASE_URL) ? await loadHead(localStore()) : null;

if (head) {
  if (head.sourceTitle) {
    const name = document.createElement('span');
    name.className = 'shell-source';
    name.textContent = head.sourceTitle;
    document.querySelector('#shell .shell-inner')?.append(name);
  }
  const host = document.createElement('div');
  target.before(host);
  const painted = mount(HeadView, { target: host, props: { head } });
  // After the frame that shows the head: the app's code is fetched and evaluated once it is on screen.
  requestAnimationFrame(() =>
    setTimeout(() => {
      void import('./boot').then(({ start }) =>
        start(target, { continueReading: head.continueReading.length > 0 }, () => {
          void unmount(painted);
          host.remove();
        }),
      );
    }, 0),
  );
} else {
  void import('./boot').then(({ start }) => start(target, null, null));
}
