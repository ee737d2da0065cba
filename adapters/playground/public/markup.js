// Text helpers shared by both renderings: HTML escaping and date formatting in the reader's zone.
(function (global) {
  'use strict';
  function escapeHtml(s) {
    return String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
  }
  function safeUrl(u) {
    return /^(https?:|mailto:)/i.test(u) ? u : '#';
  }
  // Dates in the reader's language: Russian readers read Russian dates, 24-hour times.
  function tag(locale) {
    return locale === 'ru' ? 'ru-RU' : 'en-US';
  }
  function plain(text) {
    return text.replace(/[\u00a0\u2009\u202f]/g, ' ');
  }
  function fmt(date, zone, options, locale) {
    try {
      return plain(new Intl.DateTimeFormat(tag(locale), Object.assign({ timeZone: zone }, options)).format(date));
    } catch {
      return plain(new Intl.DateTimeFormat(tag(locale), options).format(date));
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
  const RELATIVE = { en: ['Today', 'Tomorrow', 'Yesterday'], ru: ['Сегодня', 'Завтра', 'Вчера'] };
  function pretty(date, zone, fallback, locale) {
    const now = new Date();
    const words = RELATIVE[locale] || RELATIVE.en;
    const days = { [dayKey(now, zone)]: words[0], [dayKey(new Date(now.getTime() + 864e5), zone)]: words[1], [dayKey(new Date(now.getTime() - 864e5), zone)]: words[2] };
    return days[dayKey(date, zone)] || fallback;
  }
  // Slack's <!date^…> tokens, as Slack formats them for a reader in `zone` who reads `locale`.
  function slackDate(unix, format, zone, locale) {
    const d = new Date(unix * 1000);
    const f = function (options) { return fmt(d, zone, options, locale); };
    const ru = locale === 'ru';
    const day = Number(f({ day: 'numeric' }));
    const year = f({ year: 'numeric' });
    const parts = {
      date_num: f({ year: 'numeric', month: '2-digit', day: '2-digit' }),
      date: ru ? f({ day: 'numeric', month: 'long', year: 'numeric' }) : f({ month: 'long' }) + ' ' + ordinal(day) + ', ' + year,
      date_short: f({ month: 'short', day: 'numeric', year: 'numeric' }),
      date_long: ru ? f({ weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }) : f({ weekday: 'long', month: 'long' }) + ' ' + ordinal(day) + ', ' + year,
      time: f({ hour: 'numeric', minute: '2-digit' }),
      time_secs: f({ hour: 'numeric', minute: '2-digit', second: '2-digit' }),
    };
    parts.date_pretty = pretty(d, zone, parts.date, locale);
    parts.date_short_pretty = pretty(d, zone, parts.date_short, locale);
    parts.date_long_pretty = pretty(d, zone, parts.date_long, locale);
    return format.replace(/\{(\w+)\}/g, function (whole, name) { return parts[name] !== undefined ? parts[name] : whole; });
  }
  global.Markup = { escapeHtml: escapeHtml, safeUrl: safeUrl, slackDate: slackDate, fmt: fmt };
})(window);
