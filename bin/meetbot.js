#!/usr/bin/env node
// The `meetbot` command: runs the TypeScript sources through tsx, so a fresh clone needs no build step.
const v8 = require('node:v8');
// Loading the sources keeps most of what it allocates, and V8 answers every such scavenge by doubling the young
// generation, up to 16 MB a semi-space: 32 MB resident that an idle server then holds for good (about a fifth of its
// memory). Not growing it while modules load keeps that off; V8 reads the factor at each growth, so putting the
// default (2) back once loaded lets a server under load grow its young generation exactly as before.
v8.setFlagsFromString('--semi-space-growth-factor=1');
require('tsx/cjs');
// `parse` needs only the core: skipping the server, Teams and Slack modules lets `parse --jsonl` answer in well under
// a second instead of two.
if (process.argv[2] === 'parse') require('../adapters/cli/parse.ts').startParse();
else require('../adapters/cli.ts').start();
v8.setFlagsFromString('--semi-space-growth-factor=2');
