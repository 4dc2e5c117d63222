/** How the reader likes to read; kept on the device and in backups. */
export interface ReaderSettings {
  textSize: 'small' | 'medium' | 'large' | 'x-large';
  lineWidth: 'narrow' | 'medium' | 'wide';
  theme: 'system' | 'light' | 'dark';
}

export const DEFAULT_SETTINGS: ReaderSettings = { textSize: 'medium', lineWidth: 'medium', theme: 'system' };

export const SETTING_CHOICES = {
  textSize: ['small', 'medium', 'large', 'x-large'],
  lineWidth: ['narrow', 'medium', 'wide'],
  theme: ['system', 'light', 'dark'],
} as const satisfies { [K in keyof ReaderSettings]: readonly ReaderSettings[K][] };

/** Settings from anything (stored text, a backup): unknown or malformed values fall back to defaults. */
export function readSettings(value: unknown): ReaderSettings {
  const source = typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
  const pick = <K extends keyof ReaderSettings>(name: K): ReaderSettings[K] => {
    const choices: readonly string[] = SETTING_CHOICES[name];
    const candidate = source[name];
    return (typeof candidate === 'string' && choices.includes(candidate) ? candidate : DEFAULT_SETTINGS[name]) as ReaderSettings[K];
  };
  return { textSize: pick('textSize'), lineWidth: pick('lineWidth'), theme: pick('theme') };
}

/** The attributes on <html> that the style tokens follow; defaults set none. */
export function settingsAttributes(settings: ReaderSettings): Record<string, string | null> {
  return {
    'data-text-size': settings.textSize === 'medium' ? null : settings.textSize,
    'data-line-width': settings.lineWidth === 'medium' ? null : settings.lineWidth,
    'data-theme': settings.theme === 'system' ? null : settings.theme,
  };
}
