#!/usr/bin/env node
// The `meetbot` command: runs the TypeScript sources through tsx, so a fresh clone needs no build step.
require('tsx/cjs');
require('../adapters/cli.ts').start();
