import type { Page, Request, Route } from '@playwright/test';

const BODY_URL = /\/feed\/bodies\//;

/**
 * Routes the feed's body requests through a gate: each is counted per URL and waits until the
 * test allows it, so progress and cancelling happen at points the test chooses, not by timing.
 */
export class BodyGate {
  /** Requests seen per URL, served or not. */
  readonly requested = new Map<string, number>();
  /** Responses that reached the page in full, per URL. */
  readonly delivered = new Map<string, number>();
  private allowance = 0;
  private waiting: (() => void)[] = [];

  static async on(page: Page, allowance = Infinity): Promise<BodyGate> {
    const gate = new BodyGate();
    gate.allowance = allowance;
    await page.route(BODY_URL, (route) => gate.handle(route));
    page.on('requestfinished', (request: Request) => {
      if (!BODY_URL.test(request.url())) return;
      gate.delivered.set(request.url(), (gate.delivered.get(request.url()) ?? 0) + 1);
    });
    return gate;
  }

  /** Lets `n` more requests through (Infinity: all from now on). */
  allow(n: number): void {
    this.allowance += n;
    this.flush();
  }

  totalRequested(): number {
    return [...this.requested.values()].reduce((sum, n) => sum + n, 0);
  }


  /** URLs requested more than once. */
  duplicates(): string[] {
    return [...this.requested.entries()].filter(([, n]) => n > 1).map(([url]) => url);
  }

  private async handle(route: Route): Promise<void> {
    const url = route.request().url();
    this.requested.set(url, (this.requested.get(url) ?? 0) + 1);
    await new Promise<void>((resolve) => {
      this.waiting.push(resolve);
      this.flush();
    });
    try {
      await route.continue();
    } catch {
      // The page went away or cancelled the request meanwhile.
    }
  }

  private flush(): void {
    while (this.waiting.length > 0 && this.allowance > 0) {
      this.allowance -= 1;
      this.waiting.shift()?.();
    }
  }
}
