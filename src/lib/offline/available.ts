/**
 * Whether an article can be read with the network off: its text is stored on this device.
 * A copy with an older hash still counts, since the reader falls back to it offline.
 * The one place that decides "available offline", for the list filter and the cards alike.
 */
export function isAvailableOffline(key: string, storedBodies: ReadonlySet<string>): boolean {
  return storedBodies.has(key);
}
