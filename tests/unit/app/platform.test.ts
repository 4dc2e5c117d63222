import { describe, expect, it } from 'vitest';
import { needsManualInstallHint } from '../../../src/lib/pwa/platform';

const iPhoneSafari = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1';
const iPhoneChrome = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/124.0 Mobile/15E148 Safari/604.1';
const iPadDesktopMode = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1';
const desktopChrome = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0 Safari/537.36';

describe('needsManualInstallHint', () => {
  it('is shown in iOS Safari, including iPad in desktop mode, unless already installed', () => {
    expect(needsManualInstallHint(iPhoneSafari, false)).toBe(true);
    expect(needsManualInstallHint(iPadDesktopMode, false)).toBe(true);
    expect(needsManualInstallHint(iPhoneSafari, true)).toBe(false);
  });

  it('is not shown where the browser offers its own prompt or cannot install at all', () => {
    expect(needsManualInstallHint(iPhoneChrome, false)).toBe(false);
    expect(needsManualInstallHint(desktopChrome, false)).toBe(false);
  });
});
