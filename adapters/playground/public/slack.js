// A faithful HTML rendering of a Slack Block Kit message: header, section (text, fields), context, actions, divider.
(function (global) {
  'use strict';
  const M = global.Markup;

  // Slack emoji names meetbot uses, drawn with CSS (the page must not depend on an emoji font being installed).
  const EMOJI = { large_green_circle: 1, spiral_calendar_pad: 1, black_square_for_stop: 1, no_entry_sign: 1, calendar: 1 };

  // mrkdwn → HTML. <…> tokens first (links, mentions, dates), then *bold*, _italic_, ~strike~, `code`, ```pre```.
  function mrkdwn(text, ctx) {
    const tokens = [];
    const hold = (html) => '\uE000' + (tokens.push(html) - 1) + '\uE000';
    let s = String(text).replace(/<([^<>]+)>/g, function (_m, inner) { return hold(token(inner, ctx)); });
    s = M.escapeHtml(decode(s));
    s = s.replace(/```([\s\S]+?)```/g, function (_m, code) { return hold('<pre class="sk-pre">' + code + '</pre>'); });
    s = s.replace(/`([^`\n]+)`/g, function (_m, code) { return hold('<code class="sk-code">' + code + '</code>'); });
    s = s.replace(/(^|[\s(>\uE000])\*([^*\n]+)\*(?=$|[\s).,:;!?<\uE000])/g, '$1<b>$2</b>');
    s = s.replace(/(^|[\s(>\uE000])_([^_\n]+)_(?=$|[\s).,:;!?<\uE000])/g, '$1<i>$2</i>');
    s = s.replace(/(^|[\s(>\uE000])~([^~\n]+)~(?=$|[\s).,:;!?<\uE000])/g, '$1<s>$2</s>');
    s = s.replace(/:([a-z0-9_+-]+):/g, function (whole, name) { return EMOJI[name] ? hold('<span class="sk-emoji sk-emoji-' + name + '" role="img" aria-label="' + name + '" title=":' + name + ':"></span>') : whole; });
    s = s.replace(/\n/g, '<br>');
    // Held pieces may hold others (a link inside `code`): expand until none is left.
    while (/\uE000\d+\uE000/.test(s)) s = s.replace(/\uE000(\d+)\uE000/g, function (_m, i) { return tokens[Number(i)]; });
    return s;
  }

  function decode(s) {
    return s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
  }

  function token(inner, ctx) {
    const bar = inner.indexOf('|');
    const head = bar < 0 ? inner : inner.slice(0, bar);
    const label = bar < 0 ? undefined : decode(inner.slice(bar + 1));
    if (head.startsWith('@')) {
      const id = head.slice(1);
      const person = ctx.people.find(function (p) { return p.id === id; });
      return '<span class="sk-mention">@' + M.escapeHtml(person ? person.displayName : label || id) + '</span>';
    }
    if (head.startsWith('#')) return '<span class="sk-mention">#' + M.escapeHtml(label || head.slice(1)) + '</span>';
    if (head.startsWith('!date^')) {
      const parts = head.split('^');
      const text = M.slackDate(Number(parts[1]), parts[2] || '{date_short} {time}', ctx.zone, ctx.locale);
      return '<time class="sk-date" title="' + M.escapeHtml(label || '') + '">' + M.escapeHtml(text) + '</time>';
    }
    if (head.startsWith('!')) return '<span class="sk-mention">@' + M.escapeHtml(label || head.slice(1).split('^')[0]) + '</span>';
    const url = decode(head);
    return '<a href="' + M.escapeHtml(M.safeUrl(url)) + '" target="_blank" rel="noopener">' + M.escapeHtml(label || url) + '</a>';
  }

  function textHtml(obj, ctx) {
    if (!obj) return '';
    return obj.type === 'mrkdwn' ? mrkdwn(obj.text, ctx) : M.escapeHtml(decode(obj.text)).replace(/\n/g, '<br>');
  }

  function el(tag, cls, html) {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (html !== undefined) e.innerHTML = html;
    return e;
  }

  function button(b, ctx) {
    const label = textHtml(b.text, ctx);
    const cls = 'sk-btn' + (b.style ? ' sk-' + b.style : '');
    if (b.url) {
      const a = el('a', cls, label);
      a.href = M.safeUrl(b.url);
      a.target = '_blank';
      a.rel = 'noopener';
      a.dataset.actionId = b.action_id || '';
      return a;
    }
    const btn = el('button', cls, label);
    btn.type = 'button';
    btn.dataset.actionId = b.action_id || '';
    btn.addEventListener('click', function () {
      if (b.confirm) {
        const c = b.confirm;
        if (!global.confirm(decode(c.title.text) + '\n\n' + decode(c.text.text))) return;
      }
      ctx.onAction(b.action_id, b.value || '', btn);
    });
    return btn;
  }

  function block(b, ctx) {
    switch (b.type) {
      case 'header':
        return el('div', 'sk-header', textHtml(b.text, ctx));
      case 'section': {
        const s = el('div', 'sk-section');
        if (b.text) s.appendChild(el('div', 'sk-text', textHtml(b.text, ctx)));
        if (b.fields && b.fields.length) {
          const grid = el('div', 'sk-fields');
          b.fields.forEach(function (f) { grid.appendChild(el('div', 'sk-field', textHtml(f, ctx))); });
          s.appendChild(grid);
        }
        if (b.accessory && b.accessory.type === 'button') s.appendChild(button(b.accessory, ctx));
        return s;
      }
      case 'context': {
        const c = el('div', 'sk-context');
        (b.elements || []).forEach(function (e) { if (e.text !== undefined) c.appendChild(el('span', '', textHtml(e, ctx))); });
        return c;
      }
      case 'actions': {
        const a = el('div', 'sk-actions');
        (b.elements || []).forEach(function (e) { if (e.type === 'button') a.appendChild(button(e, ctx)); });
        return a;
      }
      case 'divider':
        return el('hr', 'sk-divider');
      default:
        return el('div', 'sk-unknown', 'Unsupported block: ' + M.escapeHtml(b.type));
    }
  }

  /** Renders `{ text, blocks }`; ctx = { zone, people, onAction(actionId, value, buttonElement) }. */
  function renderSlack(message, ctx) {
    const root = el('div', 'sk-message');
    if (!message.blocks || !message.blocks.length) {
      root.appendChild(el('div', 'sk-text', mrkdwn(message.text || '', ctx)));
      return root;
    }
    message.blocks.forEach(function (b) { root.appendChild(block(b, ctx)); });
    return root;
  }

  global.SlackView = { renderSlack: renderSlack, mrkdwn: mrkdwn };
})(window);
