import { parseCommand } from './src/commands';
const ctx = { now: new Date('2026-11-27T10:00:00Z'), timeZone: 'Europe/Berlin', locale: 'en' as const, defaultDurationMinutes: 30, mentionTokens: ['<@U123|bob>'] };
const MIX = ['/meet Design review','/meet tomorrow 15:00 30m Design review @bob','/meet завтра в 15:00 на 30 минут Обзор дизайна @alice @bob'];
const t0=performance.now(); while (performance.now()-t0 < 5000) for (const t of MIX) parseCommand(t, ctx);
