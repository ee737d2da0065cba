import { parseCommand, commandToJson } from './src/commands';
const ctx = { now: new Date(process.argv[2] ?? '2026-11-27T16:00:00Z'), timeZone: process.argv[3] ?? 'Europe/Moscow', locale: 'en' as const, defaultDurationMinutes: 30, mentionTokens: ['<@U123|bob>', '<at>Alice Smith</at>'] };
const lines = require('fs').readFileSync(0, 'utf8').split('\n').filter(Boolean);
for (const l of lines) { const r = parseCommand(l, ctx); console.log(l.padEnd(50), '→', JSON.stringify(r.ok ? commandToJson(r.value) : {code: r.code, params: r.params})); }
