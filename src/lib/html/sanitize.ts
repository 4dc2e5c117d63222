import DOMPurify from 'dompurify';

const FORBID_TAGS = ['script', 'style', 'iframe', 'frame', 'frameset', 'object', 'embed', 'form', 'input', 'button', 'textarea', 'select', 'base', 'meta', 'link', 'svg', 'math'];

/**
 * The page's second check of a stored body. The ingest worker has already bounded and sanitised
 * it (`clean.ts`), so this pass runs over small, well-formed HTML and only guards against a
 * sanitiser bug: anything executable it finds is removed, the worker's attributes are kept.
 */
export function recheckBody(html: string): string {
  return DOMPurify.sanitize(html, {
    FORBID_TAGS,
    FORBID_ATTR: ['style', 'srcset', 'formaction', 'ping'],
    ADD_ATTR: ['target', 'loading', 'decoding', 'referrerpolicy', 'tabindex'],
    ALLOW_DATA_ATTR: false,
  });
}
