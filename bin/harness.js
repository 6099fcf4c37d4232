#!/usr/bin/env node
// The harness CLI runs its TypeScript sources directly through tsx: no build
// step, and scenario files written in TypeScript load the same way.
import { register } from 'tsx/esm/api';

register();
await import('../harness/cli/main.ts');
