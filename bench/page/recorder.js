// Runs in every document the benchmark opens, before the app's own scripts (Playwright init script).
// It notes, with performance.now() (milliseconds since navigation start), when the first list card
// appears and paints, what the sync status says over time, and the first contentful paint; and it
// times interactions from the input event to the frame after the expected DOM change.
(() => {
  if (window.__folioBench) return;

  const normalise = (text) => (text ?? '').replace(/\s+/g, ' ').trim();
  const rec = {
    status: [],
    firstCard: null,
    firstCardFrame: null,
    fcp: null,
    waiters: [],
    pending: null,
  };
  window.__folioBench = rec;

  const settle = () => {
    rec.waiters = rec.waiters.filter((w) => {
      const value = w.test();
      if (value === undefined) return true;
      clearTimeout(w.timer);
      if (value instanceof Error) w.reject(value);
      else w.resolve(value);
      return false;
    });
  };

  const check = () => {
    const el = document.querySelector('.sync-status');
    const text = el ? normalise(el.textContent) : null;
    const last = rec.status[rec.status.length - 1];
    if (text !== null && (!last || last.text !== text)) rec.status.push({ t: performance.now(), text });
    if (rec.firstCard === null && document.querySelector('ol.article-list > li')) {
      rec.firstCard = performance.now();
      requestAnimationFrame(() =>
        rec.afterFrame((painted) => {
          rec.firstCardFrame = painted;
          settle();
        }),
      );
    }
    settle();
  };
  const observer = new MutationObserver(check);
  observer.observe(document, { childList: true, subtree: true, characterData: true });

  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) if (e.name === 'first-contentful-paint') rec.fcp = e.startTime;
    }).observe({ type: 'paint', buffered: true });
  } catch {
    // No paint timing: FCP stays null.
  }

  const syncFailure = () => {
    const last = rec.status[rec.status.length - 1];
    return last && /try again/i.test(last.text) ? new Error(`sync failed: ${last.text}`) : undefined;
  };

  // A sync that completed in this document: "Synced …" after "Syncing…". A "Synced …" before any
  // "Syncing…" is what the store said at the start (the app syncs every source as it opens online).
  const syncedAfterSyncing = () => {
    const failed = syncFailure();
    if (failed) return failed;
    const start = rec.status.findIndex((s) => s.text.startsWith('Syncing'));
    if (start < 0) return undefined;
    const done = rec.status.find((s, i) => i > start && s.text.startsWith('Synced'));
    if (!done) return undefined;
    return { syncing: rec.status[start].t, synced: done.t };
  };

  const tests = {
    card: () => (rec.firstCardFrame === null ? undefined : { inserted: rec.firstCard, frame: rec.firstCardFrame, fcp: rec.fcp }),
    synced: syncedAfterSyncing,
    resynced: syncedAfterSyncing,
    offline: () => {
      const last = rec.status[rec.status.length - 1];
      return last && last.text.startsWith('Offline') ? { t: last.t } : undefined;
    },
  };

  /** Resolves when `kind` has happened in this document (at once if it already has). */
  rec.until = (kind, timeoutMs) =>
    new Promise((resolve, reject) => {
      const waiter = { test: tests[kind], resolve, reject, timer: 0 };
      waiter.timer = setTimeout(() => {
        rec.waiters = rec.waiters.filter((w) => w !== waiter);
        reject(new Error(`no "${kind}" after ${Math.round(timeoutMs / 1000)} s; status: ${JSON.stringify(rec.status.map((s) => s.text))}`));
      }, timeoutMs);
      rec.waiters.push(waiter);
      settle();
    });

  /** Stops watching the page, so the recorder costs nothing while interactions are timed. */
  rec.stop = () => observer.disconnect();

  const describe = (c) => {
    const els = document.querySelectorAll(c.selector);
    const el = els[0];
    if (c.count !== undefined) return `${c.selector}: ${els.length} (expected ${c.count})`;
    if (!el) return `${c.selector}: missing`;
    if (c.text !== undefined) return `${c.selector}: "${normalise(el.textContent)}" (expected "${c.text}")`;
    if (c.hrefIncludes !== undefined) return `${c.selector}: ${el.getAttribute('href')} (expected ${c.hrefIncludes})`;
    return `${c.selector}: present`;
  };

  const holds = (conditions) =>
    conditions.every((c) => {
      if (c.count !== undefined) return document.querySelectorAll(c.selector).length === c.count;
      const el = document.querySelector(c.selector);
      if (!el) return false;
      if (c.text !== undefined && normalise(el.textContent) !== c.text) return false;
      if (c.hrefIncludes !== undefined && !(el.getAttribute('href') ?? '').includes(c.hrefIncludes)) return false;
      return true;
    });

  /**
   * After the frame whose animation-frame callbacks are running: a task posted now runs once that
   * frame's style, layout and paint are done on the main thread.
   */
  rec.afterFrame = (done) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => done(performance.now());
    channel.port2.postMessage(null);
  };

  /**
   * Arms one interaction measurement: the clock starts at the timeStamp of the next click, input or
   * change event, and stops at the animation frame after the DOM first satisfies every condition
   * (`frame`: its callbacks, before its style, layout and paint) and once that frame is painted (`painted`).
   */
  rec.arm = (conditions, timeoutMs) => {
    if (holds(conditions)) throw new Error(`the page already shows the expected state: ${conditions.map(describe).join('; ')}`);
    let start = null;
    const types = ['click', 'input', 'change'];
    const onInput = (event) => {
      if (start === null) start = event.timeStamp;
    };
    for (const type of types) window.addEventListener(type, onInput, { capture: true });
    rec.pending = new Promise((resolve, reject) => {
      const watcher = new MutationObserver(() => {
        if (start === null || !holds(conditions)) return;
        const dom = performance.now();
        finish();
        requestAnimationFrame(() => {
          const frame = performance.now();
          rec.afterFrame((painted) => resolve({ start, dom, frame, painted }));
        });
      });
      const timer = setTimeout(() => {
        finish();
        reject(new Error(`after ${Math.round(timeoutMs / 1000)} s the page still shows ${conditions.map(describe).join('; ')}`));
      }, timeoutMs);
      const finish = () => {
        watcher.disconnect();
        clearTimeout(timer);
        for (const type of types) window.removeEventListener(type, onInput, { capture: true });
      };
      watcher.observe(document, { childList: true, subtree: true, characterData: true, attributes: true });
    });
    // The result is read later; keep an early failure from being reported as unhandled.
    rec.pending.catch(() => {});
  };

  rec.result = () => rec.pending;
  rec.holds = holds;
})();
