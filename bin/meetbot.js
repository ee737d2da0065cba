#!/usr/bin/env node
// The `meetbot` command: runs the TypeScript sources through tsx, so a fresh clone needs no build step.
require('tsx/cjs');
// `parse` needs only the core: skipping the server, Teams and Slack modules lets `parse --jsonl` answer in well under
// a second instead of two.
if (process.argv[2] === 'parse') require('../adapters/cli/parse.ts').startParse();
else require('../adapters/cli.ts').start();
