import { db } from '../db';
import type { AppState } from './context';
import { Library } from './library.svelte';
import { NetworkStatus } from './network.svelte';
import { AppUpdate, InstallPrompt } from './pwa.svelte';
import { Router } from './router.svelte';

/** The app's shared state, built once at start-up. */
export function createAppState(base: string): AppState {
  return {
    library: new Library(db),
    router: new Router(base),
    network: new NetworkStatus(),
    install: new InstallPrompt(),
    update: new AppUpdate(),
  };
}
