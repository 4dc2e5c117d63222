import { online } from 'svelte/reactivity/window';

/** Whether the browser believes it is online; Svelte listens for the events only while this is read. */
export class NetworkStatus {
  get online(): boolean {
    return online.current ?? true;
  }
}
