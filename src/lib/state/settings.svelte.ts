import { createSubscriber } from 'svelte/reactivity';
import { readSettings, settingsAttributes, type ReaderSettings } from '../model/settings';

export const SETTINGS_KEY = 'folio.settings';

function load(storage: Storage | null): ReaderSettings {
  try {
    return readSettings(JSON.parse(storage?.getItem(SETTINGS_KEY) ?? 'null'));
  } catch {
    return readSettings(null);
  }
}

/** Sets the attributes the style tokens follow; runs before the first paint too (main.ts). */
export function applySettings(settings: ReaderSettings, root: HTMLElement = document.documentElement): void {
  for (const [name, value] of Object.entries(settingsAttributes(settings))) {
    if (value === null) root.removeAttribute(name);
    else root.setAttribute(name, value);
  }
}

/** The settings stored on this device, read before the app mounts. */
export function storedSettings(): ReaderSettings {
  try {
    return load(globalThis.localStorage ?? null);
  } catch {
    return readSettings(null);
  }
}

/**
 * Text size, line width and theme. They persist on the device and follow a change made in another
 * tab while something shows them: the root component applies them to the page.
 */
export class Settings {
  #current = $state.raw<ReaderSettings>(storedSettings());
  readonly #subscribe = createSubscriber((update) => {
    const onStorage = (event: StorageEvent): void => {
      if (event.key !== SETTINGS_KEY) return;
      this.#current = storedSettings();
      update();
    };
    window.addEventListener('storage', onStorage);
    return () => window.removeEventListener('storage', onStorage);
  });

  get current(): ReaderSettings {
    this.#subscribe();
    return this.#current;
  }

  set(change: Partial<ReaderSettings>): void {
    this.#current = readSettings({ ...this.#current, ...change });
    try {
      localStorage.setItem(SETTINGS_KEY, JSON.stringify(this.#current));
    } catch {
      // Blocked or full storage: the setting still applies to this visit.
    }
  }
}
