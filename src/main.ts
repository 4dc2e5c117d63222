import { mount } from 'svelte';
import App from './app/App.svelte';
import './app/styles.css';
import { applySettings, storedSettings } from './lib/state/settings.svelte';

// Before the first paint, so a chosen theme or text size never flashes the default.
applySettings(storedSettings());

// The static header painted from index.html gives way to the app's, which takes its exact place.
document.getElementById('shell')?.remove();
mount(App, { target: document.getElementById('app') as HTMLElement });
