import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const realBlogPosts = path.resolve(repoRoot, '../shared/data/martinuke0-blog/posts');
export const seedListing = path.resolve(repoRoot, '../shared/seed/blog-listing.txt');
export const realBlogAvailable = existsSync(realBlogPosts) && existsSync(seedListing);
export const realFeedDir = path.join(repoRoot, 'dist-real', 'feed');
export const defaultFeedDir = path.join(repoRoot, 'public', 'feed');
export const screenshotDir = path.join(repoRoot, 'tests', 'e2e', 'screenshots');
