// Worker threads do not inherit the main thread's TypeScript loader: register tsx here, then
// load the TypeScript worker. (A prebuilt CLI would point the pool at a compiled worker.js instead.)
import { register } from 'tsx/esm/api';

register();
await import('./worker.ts');
