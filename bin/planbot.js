#!/usr/bin/env node
// The installed `planbot` command: runs the compiled CLI (npm run build writes dist/).
import { main, processIo } from '../dist/cli/main.js';

process.exitCode = await main(process.argv.slice(2), processIo);
