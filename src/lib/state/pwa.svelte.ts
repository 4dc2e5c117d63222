import { createSubscriber } from 'svelte/reactivity';
import { isStandalone, needsManualInstallHint } from '../pwa/platform';

/** Chromium's install prompt event, which the DOM typings do not include yet. */
interface BeforeInstallPromptEvent extends Event {
  prompt(): Promise<void>;
  userChoice: Promise<{ outcome: 'accepted' | 'dismissed' }>;
}

/** "Install app" when the browser offers it; a hint where it never will (iOS Safari). */
export class InstallPrompt {
  #available = $state(false);
  #installed = $state(isStandalone());
  readonly manualHint = needsManualInstallHint(navigator.userAgent, isStandalone());
  private deferred: BeforeInstallPromptEvent | null = null;
  // The header reads `available` for as long as the app runs, so the prompt is never missed.
  readonly #subscribe = createSubscriber(() => {
    const offer = (event: Event): void => {
      event.preventDefault();
      this.deferred = event as BeforeInstallPromptEvent;
      this.#available = true;
    };
    const installed = (): void => {
      this.#installed = true;
      this.#available = false;
      this.deferred = null;
    };
    window.addEventListener('beforeinstallprompt', offer);
    window.addEventListener('appinstalled', installed);
    return () => {
      window.removeEventListener('beforeinstallprompt', offer);
      window.removeEventListener('appinstalled', installed);
    };
  });

  get available(): boolean {
    this.#subscribe();
    return this.#available;
  }

  get installed(): boolean {
    this.#subscribe();
    return this.#installed;
  }

  async install(): Promise<void> {
    const prompt = this.deferred;
    if (!prompt) return;
    this.deferred = null;
    this.#available = false;
    await prompt.prompt();
    await prompt.userChoice;
  }
}

/**
 * A new version waits until the reader chooses to reload: nothing reloads by surprise mid-article.
 * The first install claims the page at once (clientsClaim), so the first visit already works offline.
 */
export class AppUpdate {
  ready = $state(false);
  private updateServiceWorker: ((reloadPage?: boolean) => Promise<void>) | null = null;

  /**
   * Registers once `when` resolves: the service worker's install downloads the whole app shell,
   * which must not compete with the first view's own code and data on a first visit.
   */
  constructor(when: Promise<void> = Promise.resolve()) {
    if (!('serviceWorker' in navigator)) return;
    // The reload is ours (see reload()), so the plugin's own is turned off here.
    void when.then(() => import('virtual:pwa-register')).then(({ registerSW }) => {
      this.updateServiceWorker = registerSW({ immediate: true, onNeedRefresh: () => (this.ready = true), onNeedReload: () => undefined });
    });
  }

  /**
   * Activates the waiting version and reloads once it controls the page. workbox-window reloads
   * by itself only when the page was controlled when it loaded, which a first visit never is.
   */
  reload(): void {
    navigator.serviceWorker.addEventListener('controllerchange', () => window.location.reload(), { once: true });
    void this.updateServiceWorker?.(true);
  }

  dismiss(): void {
    this.ready = false;
  }
}
