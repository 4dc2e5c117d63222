/** iOS Safari has no install prompt: readers add the app from the Share menu instead. */
export function needsManualInstallHint(userAgent: string, standalone: boolean): boolean {
  if (standalone) return false;
  const iOS = /iPad|iPhone|iPod/.test(userAgent) || (/Macintosh/.test(userAgent) && /Mobile\//.test(userAgent));
  const otherBrowser = /CriOS|FxiOS|EdgiOS|OPiOS/.test(userAgent);
  return iOS && !otherBrowser && /Safari\//.test(userAgent);
}

export function isStandalone(): boolean {
  const iosStandalone = 'standalone' in navigator && (navigator as Navigator & { standalone?: boolean }).standalone === true;
  return iosStandalone || window.matchMedia('(display-mode: standalone)').matches;
}
