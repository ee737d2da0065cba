// Renders the exact Adaptive Card JSON Teams receives with Microsoft's adaptivecards renderer, styled like Teams.
(function (global) {
  'use strict';
  const M = global.Markup;
  const AC = global.AdaptiveCards;

  const hostConfig = new AC.HostConfig({
    fontFamily: '"Segoe UI", system-ui, -apple-system, "Helvetica Neue", Arial, sans-serif',
    spacing: { small: 4, default: 8, medium: 16, large: 20, extraLarge: 28, padding: 16 },
    separator: { lineThickness: 1, lineColor: '#E1DFDD' },
    fontSizes: { small: 12, default: 14, medium: 16, large: 19, extraLarge: 22 },
    fontWeights: { lighter: 300, default: 400, bolder: 600 },
    containerStyles: {
      default: { backgroundColor: '#FFFFFF', foregroundColors: {
        default: { default: '#242424', subtle: '#616161' }, accent: { default: '#5B5FC7', subtle: '#7579EB' },
        good: { default: '#237B4B', subtle: '#2E9C5E' }, warning: { default: '#C4314B', subtle: '#C4314B' },
        attention: { default: '#C4314B', subtle: '#D13438' }, dark: { default: '#242424', subtle: '#616161' },
        light: { default: '#FFFFFF', subtle: '#F5F5F5' },
      } },
      emphasis: { backgroundColor: '#F5F5F5' },
      accent: { backgroundColor: '#E8EBFA' },
      good: { backgroundColor: '#E7F2DA' },
      attention: { backgroundColor: '#FCF4F6' },
      warning: { backgroundColor: '#FBF6D9' },
    },
    actions: { maxActions: 6, spacing: 'default', buttonSpacing: 8, showCard: { actionMode: 'inline', inlineTopMargin: 12 }, actionsOrientation: 'horizontal', actionAlignment: 'left' },
    adaptiveCard: { allowCustomStyle: true },
    factSet: { title: { weight: 'bolder', wrap: true, maxWidth: 150 }, value: { wrap: true }, spacing: 10 },
  });

  // Teams' TextBlock markdown subset and <at>mentions</at>. meetbot's cards carry no DATE()/TIME() functions (the
  // renderer would expand them in the browser's zone, as Teams does in the device's), so times are the core's text.
  AC.AdaptiveCard.onProcessMarkdown = function (text, result) {
    // Markdown backslash escapes (\_ \+ \*) stand for the character itself, never for formatting.
    let s = M.escapeHtml(text).replace(/\\([\\`*_{}[\]()#+\-.!|])/g, function (_m, c) { return '\uE001' + c.charCodeAt(0) + '\uE001'; });
    s = s.replace(/&lt;at&gt;(.+?)&lt;\/at&gt;/g, '<span class="ac-mention">$1</span>');
    s = s.replace(/\[([^\]]+)\]\(([^)\s]+)\)/g, function (_m, label, url) { return '<a href="' + M.safeUrl(url.replace(/&amp;/g, '&')) + '" target="_blank" rel="noopener">' + label + '</a>'; });
    s = s.replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>');
    s = s.replace(/(^|[\s(])_([^_\n]+)_(?=$|[\s).,:;!?])/g, '$1<em>$2</em>');
    s = s.replace(/\n/g, '<br>').replace(/\uE001(\d+)\uE001/g, function (_m, code) { return M.escapeHtml(String.fromCharCode(Number(code))); });
    result.outputHtml = s;
    result.didProcess = true;
  };

  /** Renders `json`; ctx = { onAction({ verb, data }), onOpenUrl(url) }. */
  function renderTeams(json, ctx) {
    const card = new AC.AdaptiveCard();
    card.hostConfig = hostConfig;
    card.onExecuteAction = function (action) {
      const type = action.getJsonTypeName();
      if (type === 'Action.OpenUrl') return ctx.onOpenUrl(action.url);
      if (type === 'Action.Execute' || type === 'Action.Submit') ctx.onAction({ verb: action.verb, data: action.data || {} });
    };
    try {
      card.parse(json, new AC.SerializationContext());
      const rendered = card.render();
      const wrap = document.createElement('div');
      wrap.className = 'ac-host';
      if (rendered) wrap.appendChild(rendered);
      return wrap;
    } catch (e) {
      const err = document.createElement('pre');
      err.className = 'render-error';
      err.textContent = 'The Adaptive Card could not be rendered: ' + e.message;
      return err;
    }
  }

  // A Teams text message: HTML underneath (entities stay entities), markdown on top (`code`, **bold**, paragraphs).
  function renderTeamsText(text) {
    let s = String(text).replace(/&(?!(?:amp|lt|gt|quot|#\d+);)/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
    const held = [];
    s = s.replace(/`([^`\n]+)`/g, function (_m, code) { return '\uE002' + (held.push('<code class="tm-code">' + code + '</code>') - 1) + '\uE002'; });
    s = s.replace(/\*\*([^*\n]+)\*\*/g, '<strong>$1</strong>');
    s = s.replace(/\n\n/g, '<br>').replace(/\n/g, '<br>');
    s = s.replace(/\uE002(\d+)\uE002/g, function (_m, i) { return held[Number(i)]; });
    const div = document.createElement('div');
    div.className = 'tm-text';
    div.innerHTML = s;
    return div;
  }

  global.TeamsView = { renderTeams: renderTeams, renderTeamsText: renderTeamsText };
})(window);
