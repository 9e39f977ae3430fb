#!/usr/bin/env node
// The `onsite` command. It runs the TypeScript sources through tsx's loader, so the CLI is the
// same code as the app's core with no separate build step to forget.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('./main.ts');
process.exitCode = await main(process.argv.slice(2));
