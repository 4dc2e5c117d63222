/** Whether the browser believes it is online; follows the online/offline events. */
export class NetworkStatus {
  online = $state(navigator.onLine);

  constructor() {
    window.addEventListener('online', () => (this.online = true));
    window.addEventListener('offline', () => (this.online = false));
  }
}
