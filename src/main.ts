import { mount } from 'svelte';
import { registerSW } from 'virtual:pwa-register';
import App from './app/App.svelte';
import './app/styles.css';

mount(App, { target: document.getElementById('app') as HTMLElement });

// The worker precaches the app shell so it opens with the network off.
if ('serviceWorker' in navigator) registerSW({ immediate: true });
