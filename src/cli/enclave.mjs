#!/usr/bin/env node
// The "bin" of the package: runs the TypeScript CLI from a checkout under Node 20 without a
// build step, through tsx's loader API (tsx is a devDependency, present after `npm ci`).
import { register } from 'tsx/esm/api';

register();
await import('./enclave.ts');
