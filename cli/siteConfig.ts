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
      ];
      for (const [key, value] of entries) if (value !== undefined) config[key] = value;
      return config;
    }
  }
  return null;
}
