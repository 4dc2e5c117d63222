// Injected by bench/typing.ts (plain JS: evaluated in the page as written). One query at a time:
// arm(q, timeoutMs) before typing it; `window.__folioTyping` then resolves once the frame after the
// list shows that query's results (`ol.article-list[data-query]`, or `.empty-state[data-query]` when
// nothing matches) is painted, with the last key event's time, that frame's start (its animation-frame
// callbacks) and the end of its style, layout and paint (a task posted from those callbacks).
(() => {
  window.__folioTypingArm = (q, timeoutMs) => {
    let lastKey = 0;
    const onKey = (e) => {
      lastKey = e.timeStamp;
    };
    document.addEventListener('keydown', onKey, true);
    window.__folioTyping = new Promise((resolve, reject) => {
      // The list of results, or the page saying nothing matches: either is this query's answer.
      const shown = () => [...document.querySelectorAll('ol.article-list[data-query], .empty-state[data-query]')].some((e) => e.getAttribute('data-query') === q);
      const done = () => {
        observer.disconnect();
        clearTimeout(timer);
        document.removeEventListener('keydown', onKey, true);
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error(`no results shown for "${q}" in ${timeoutMs} ms`));
      }, timeoutMs);
      const observer = new MutationObserver(() => {
        if (lastKey === 0 || !shown()) return;
        done();
        const dom = performance.now();
        requestAnimationFrame(() => {
          const frame = performance.now();
          // The worker round trip of this query (searchQueryOptions measures it), not an earlier keystroke's.
          const run = performance.getEntriesByName('folio:search').filter((e) => e.startTime >= lastKey).at(-1);
          const channel = new MessageChannel();
          channel.port1.onmessage = () => resolve({ lastKey, dom, frame, painted: performance.now(), sent: run ? run.startTime : null, worker: run ? run.duration : null });
          channel.port2.postMessage(null);
        });
      });
      observer.observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-query'] });
    });
  };
})();
