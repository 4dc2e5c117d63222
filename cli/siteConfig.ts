/** Site settings from a Hugo config file (YAML) next to the content folder. */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

export interface SiteConfig {
  file: string;
  baseUrl?: string;
  title?: string;
  author?: string;
  description?: string;
  language?: string;
  /** Hugo's `timeZone`: dates written without an offset are in it. */
  timeZone?: string;
}

const NAMES = ['hugo.yaml', 'hugo.yml', 'config.yaml', 'config.yml'];

type Obj = Record<string, unknown>;

function obj(value: unknown): Obj {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Obj) : {};
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/**
 * Looks in the source folder's parent and, for a `content/<section>` source, in the site root above
 * it (where Hugo keeps its config). Returns null when there is no config file; throws on bad YAML.
 */
export function readSiteConfig(source: string): SiteConfig | null {
  const parent = path.dirname(path.resolve(source));
  for (const dir of [parent, path.dirname(parent)]) {
    for (const name of NAMES) {
      const file = path.join(dir, name);
      if (!existsSync(file)) continue;
      const root = obj(parse(readFileSync(file, 'utf8')));
      const params = obj(root.params);
      const author = str(params.author) ?? str(obj(params.author).name);
      const config: SiteConfig = { file };
      const entries: [keyof SiteConfig, string | undefined][] = [
        ['baseUrl', str(root.baseURL) ?? str(root.baseurl)],
        ['title', str(root.title)],
        ['author', author],
        ['description', str(params.description)],
        ['language', str(root.languageCode) ?? str(root.defaultContentLanguage)],
        ['timeZone', str(root.timeZone) ?? str(root.timezone)],
      ];
      for (const [key, value] of entries) if (value !== undefined) config[key] = value;
      return config;
    }
  }
  return null;
}

/**
 * The feed's title when no --title is given: the site's title, else the name of the folder that
 * holds the posts folder ("my-blog" for my-blog/posts, and for my-blog/content/posts), else the
 * posts folder's own name. `from` says which, for the user.
 */
export function siteTitle(source: string, config: SiteConfig | null): { title: string; from: string } {
  if (config?.title !== undefined) return { title: config.title, from: `from ${path.basename(config.file)}` };
  const folder = path.resolve(source);
  let parent = path.dirname(folder);
  if (path.basename(parent).toLowerCase() === 'content') parent = path.dirname(parent);
  const name = path.basename(parent);
  if (name !== '' && parent !== path.dirname(parent)) return { title: name, from: 'the site folder\'s name' };
  return { title: path.basename(folder), from: 'the posts folder\'s name' };
}
