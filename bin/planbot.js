#!/usr/bin/env node
// The installed `planbot` command: runs the compiled CLI (npm run build writes dist/).
import { runProcess } from '../dist/cli/main.js';

await runProcess();
