import { parseCommand } from './src/commands';
const ctx = { now: new Date('2026-11-27T10:00:00Z'), timeZone: 'Europe/Berlin', locale: 'en' as const, defaultDurationMinutes: 30, mentionTokens: ['<@U123|bob>'] };
const MIX = ['/meet','/meet now @alice @bob','/meet Design review','/meet tomorrow 15:00 30m Design review @bob','/meet завтра в 15:00 на 30 минут Обзор дизайна @alice @bob','/meet in 2h for 45 minutes Sync','/meet fri 10:00-11:00 "Planning" alice@example.com','/meet 1 Dec 10:00 Board meeting','/meet help'];
const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system); };
for (const t of MIX) { for (let i=0;i<3000;i++) parseCommand(t, ctx); const t0=cpu(); for (let i=0;i<10000;i++) parseCommand(t, ctx); console.log(((cpu()-t0)/10000).toFixed(2).padStart(8),'µs cpu', t); }
