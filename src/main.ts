import { mount } from 'svelte';
import App from './app/App.svelte';
import './app/styles.css';
import { applySettings, storedSettings } from './lib/state/settings.svelte';

// Before the first paint, so a chosen theme or text size never flashes the default.
applySettings(storedSettings());

mount(App, { target: document.getElementById('app') as HTMLElement });
