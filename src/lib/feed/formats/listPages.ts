/**
 * Hugo puts its list and taxonomy pages ("Tags", "Categories", "Posts", a tag's own page) into its
 * search index and its home-page RSS, with no content and Go's zero date (0001-01-01). They are not
 * articles: the parsers skip them and count them.
 */

const LIST_TITLES = new Set(['tags', 'categories', 'posts', 'archives', 'archive', 'series', 'authors', 'topics', 'search', 'blog', 'home', 'pages']);

// The tail of a list page's path: a taxonomy or a term of one, a section, a pager page, or the root.
const LIST_PATH = /(?:^|\/)(?:(?:tags|categories|series|authors|topics)(?:\/[^/]+)?|archives?|search|posts|blog|page\/\d+)\/?$|^\/$/i;

/**
 * A list page: undated, with no text at all, and a list title or a list path. A dated entry or one
 * with text is always an article, whatever its title.
 */
export function isListPage(title: string, link: string | null, date: string | null, hasText: boolean): boolean {
  if (date !== null || hasText) return false;
  if (LIST_TITLES.has(title.trim().toLowerCase())) return true;
  if (link === null) return false;
  try {
    // A relative link (an index read from a file) still has a path.
    return LIST_PATH.test(new URL(link, 'https://relative.invalid/').pathname);
  } catch {
    return false;
  }
}
