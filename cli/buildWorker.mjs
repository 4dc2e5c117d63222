// Starts a feed builder worker: registers tsx's loader, then runs the TypeScript worker.
import { register } from 'tsx/esm/api';

register();
await import('./buildWorker.ts');
