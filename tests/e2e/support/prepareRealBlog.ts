/** Copies the built app to dist-real/ and builds the real blog's feed into it with the CLI. */
import { execFileSync } from 'node:child_process';
import { cpSync, rmSync } from 'node:fs';
import path from 'node:path';
import { realBlogAvailable, realBlogPosts, realFeedDir, repoRoot } from './paths';

const dist = path.join(repoRoot, 'dist');
const out = path.join(repoRoot, 'dist-real');
rmSync(out, { recursive: true, force: true });
cpSync(dist, out, { recursive: true });
rmSync(path.join(out, 'feed'), { recursive: true, force: true });

if (realBlogAvailable) {
  execFileSync(
    'npx',
    ['tsx', 'cli/feed.ts', 'build', realBlogPosts, '--out', realFeedDir, '--base-url', 'https://martinuke0.github.io/', '--author', 'martinuke0', '--title', "martinuke0's Blog"],
    { cwd: repoRoot, stdio: ['ignore', 'inherit', 'ignore'] },
  );
} else {
  console.log('The real blog is not beside this checkout; its tests are skipped.');
  cpSync(path.join(dist, 'feed'), realFeedDir, { recursive: true });
}
