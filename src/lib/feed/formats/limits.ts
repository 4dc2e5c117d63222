/** The largest feed document Folio reads (20 MiB): real feeds are far smaller; a bigger one is refused unread. */
export const MAX_FEED_BYTES = 20 * 1024 * 1024;
