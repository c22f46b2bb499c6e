#!/usr/bin/env node
// Runs the TypeScript CLI directly through tsx, like every workspace of the project.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli.ts');
