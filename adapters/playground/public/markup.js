// Text helpers shared by both renderings: HTML escaping and date formatting in the reader's zone.
(function (global) {
  'use strict';
  function escapeHtml(s) {
    return String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
  }
  function safeUrl(u) {
    return /^(https?:|mailto:)/i.test(u) ? u : '#';
  }
  function fmt(date, zone, options) {
    try {
      return new Intl.DateTimeFormat('en-US', Object.assign({ timeZone: zone }, options)).format(date);
    } catch {
      return new Intl.DateTimeFormat('en-US', options).format(date);
    }
  }
  function dayKey(date, zone) {
    return fmt(date, zone, { year: 'numeric', month: '2-digit', day: '2-digit' });
  }
  function ordinal(n) {
    const s = ['th', 'st', 'nd', 'rd'];
    const v = n % 100;
    return n + (s[(v - 20) % 10] || s[v] || s[0]);
  }
  function pretty(date, zone, fallback) {
    const now = new Date();
    const days = { [dayKey(now, zone)]: 'Today', [dayKey(new Date(now.getTime() + 864e5), zone)]: 'Tomorrow', [dayKey(new Date(now.getTime() - 864e5), zone)]: 'Yesterday' };
    return days[dayKey(date, zone)] || fallback;
  }
  // Slack's <!date^…> tokens, as Slack formats them for a reader in `zone`.
  function slackDate(unix, format, zone) {
    const d = new Date(unix * 1000);
    const day = Number(fmt(d, zone, { day: 'numeric' }));
    const year = fmt(d, zone, { year: 'numeric' });
    const parts = {
      date_num: fmt(d, zone, { year: 'numeric', month: '2-digit', day: '2-digit' }),
      date: fmt(d, zone, { month: 'long' }) + ' ' + ordinal(day) + ', ' + year,
      date_short: fmt(d, zone, { month: 'short', day: 'numeric', year: 'numeric' }),
      date_long: fmt(d, zone, { weekday: 'long', month: 'long' }) + ' ' + ordinal(day) + ', ' + year,
      time: fmt(d, zone, { hour: 'numeric', minute: '2-digit' }),
      time_secs: fmt(d, zone, { hour: 'numeric', minute: '2-digit', second: '2-digit' }),
    };
    parts.date_pretty = pretty(d, zone, parts.date);
    parts.date_short_pretty = pretty(d, zone, parts.date_short);
    parts.date_long_pretty = pretty(d, zone, parts.date_long);
    return format.replace(/\{(\w+)\}/g, function (whole, name) { return parts[name] !== undefined ? parts[name] : whole; });
  }
  // Teams' {{DATE(…)}} and {{TIME(…)}} card functions.
  function teamsDate(kind, iso, style, zone) {
    const d = new Date(iso);
    if (isNaN(d.getTime())) return iso;
    if (kind === 'TIME') return fmt(d, zone, { hour: 'numeric', minute: '2-digit' });
    if (style === 'LONG') return fmt(d, zone, { weekday: 'long', month: 'long', day: 'numeric', year: 'numeric' });
    if (style === 'SHORT') return fmt(d, zone, { weekday: 'short', month: 'short', day: 'numeric', year: 'numeric' });
    return fmt(d, zone, { year: 'numeric', month: 'numeric', day: 'numeric' });
  }
  global.Markup = { escapeHtml: escapeHtml, safeUrl: safeUrl, slackDate: slackDate, teamsDate: teamsDate, fmt: fmt };
})(window);
