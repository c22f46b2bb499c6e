#!/usr/bin/env node
// Runs the TypeScript CLI directly through tsx, as every workspace does.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli.ts');
