import { mount, unmount } from 'svelte';
import HeadView from './app/head/HeadView.svelte';
import './app/styles.css';
import { later } from './app/shared/later';
import { startIngestWorker } from './lib/ingest/spawn';
import { fetchFolderHead, isDefaultList, localStore, startHead, type LateHead, type StartHead } from './lib/state/head';
import { applySettings, storedSettings } from './lib/state/settings.svelte';

/*
 * The entry paints the default list's first page from the head record with Svelte and the app's own
 * view code alone; the app (Dexie, svelte-query, the catalogue, the sync) loads right after that
 * paint and replaces it once its own list is ready (boot.ts).
 */

// Before the first paint, so a chosen theme or text size never flashes the default.
applySettings(storedSettings());

const target = document.getElementById('app') as HTMLElement;

/** Settles once the app's preloaded chunks are downloaded (or failed to). */
let appFetched: Promise<unknown> = Promise.resolve();

/** Module preloads started a task: starting one costs the main thread a few milliseconds on a slow phone. */
const PRELOADS_PER_TASK = 4;

/**
 * Starts downloading all of the app's chunks side by side: index.html lists them in an inert template
 * (`preloadApp` in vite.config.ts), so they wait until the first paint's own code and data are in.
 */
function preloadApp(): void {
  const list = document.getElementById('app-preload');
  if (!(list instanceof HTMLTemplateElement)) return;
  list.remove();
  const links = [...list.content.children];
  appFetched = Promise.all(links.map((link) => new Promise((settled) => ['load', 'error'].forEach((type) => link.addEventListener(type, settled)))));
  const next = (): void => {
    document.head.append(...links.splice(0, PRELOADS_PER_TASK));
    if (links.length > 0) setTimeout(next, 0);
  };
  next();
}

/**
 * The app's code: Dexie, svelte-query, then the app, each evaluated in a task of its own, and the
 * app resolved in another, so no start-up task blocks a tap for long.
 */
async function importApp(): Promise<typeof import('./boot')> {
  preloadApp();
  await import('dexie');
  await later();
  await import('@tanstack/svelte-query');
  await later();
  const app = await import('./boot');
  await later();
  return app;
}
let app: ReturnType<typeof importApp> | null = null;
const loadApp = (): ReturnType<typeof importApp> => (app ??= importApp());

/**
 * A first visit's head.json slow to come: the app loads beside it, and whichever is in first is
 * shown first. An app that failed to load leaves it to the head.
 */
function headOrApp({ late }: LateHead): Promise<StartHead | null> {
  const head = late.then((record) => record && { head: record, firstVisit: true });
  return Promise.race([head, loadApp().then(() => null, () => head)]);
}

const base = import.meta.env.BASE_URL;
const defaultList = isDefaultList(window.location, base);
// Another route has no head to paint: the app is wanted at once.
if (!defaultList) preloadApp();
// A first visit paints the bundled feed's head.json.
const started = defaultList ? await startHead(localStore(), () => fetchFolderHead(base)) : null;
const chosen = started && 'late' in started ? await headOrApp(started) : started;
const head = chosen?.head;
const firstVisit = chosen?.firstVisit ?? false;

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
  const startApp = (): void => {
    const app = loadApp();
    // A returning reader's sync worker comes from the cache: it loads beside the app's code. On a
    // first visit it would share the network with that code, so it starts once the code is in, and
    // compiles on its own thread while the app's code runs.
    if (firstVisit) void appFetched.then(startIngestWorker);
    else startIngestWorker();
    void app.then(({ start }) =>
      start(target, { continueReading: head.continueReading.length > 0, cards: head.cards.length, firstVisit }, () => {
        host.remove();
        // Tearing the head's components down takes a slow phone tens of milliseconds: not in the hand-over's task.
        setTimeout(() => void unmount(painted), 0);
      }, firstVisit ? null : head),
    );
  };
  // After the frame that shows the head, so the app's code is evaluated once it is on screen. A tab
  // opened in the background paints no frame: it starts the app at once, so it syncs all the same.
  if (document.visibilityState === 'hidden') startApp();
  else requestAnimationFrame(() => setTimeout(startApp, 0));
} else {
  void loadApp().then(({ start }) => start(target, null, null));
  // An article opened by its address fetches its view beside the app rather than after it.
  if (window.location.pathname.startsWith(`${import.meta.env.BASE_URL}read/`)) void import('./app/article/ArticleView.svelte');
}
