// The playground page: who you are, where you talk, what you type, and the bot's replies in both renderings.
(function () {
  'use strict';
  const M = window.Markup;
  const browserZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const state = { people: [], me: null, conversation: 'general', messages: new Map(), events: null };
  const $ = (id) => document.getElementById(id);

  const SUGGESTIONS = [
    '/meet now Demo @bob',
    '/meet tomorrow 15:00 Design review @carol @bob for 45 minutes',
    '@meetbot in 2h 1:1 @dmitry 30m',
    '/meet list',
    '/meet help',
    '/meet завтра в 10:00 Планёрка @dmitry',
  ];

  // The reader's zone and language as the core decided them (the server sends them with each person).
  function zone() {
    return (state.me && state.me.reader && state.me.reader.timeZone) || (state.me && state.me.timeZone) || browserZone;
  }

  function locale() {
    return (state.me && state.me.reader && state.me.reader.locale) || 'en';
  }

  function initials(name) {
    return name.split(/\s+/).filter(Boolean).slice(0, 2).map((w) => w[0]).join('').toUpperCase();
  }

  function hue(id) {
    let h = 0;
    for (const c of id) h = (h * 31 + c.charCodeAt(0)) % 360;
    return h;
  }

  function avatar(id, name, bot) {
    const a = document.createElement('div');
    a.className = 'avatar' + (bot ? ' bot' : '');
    a.textContent = bot ? 'm' : initials(name);
    if (!bot) a.style.background = 'hsl(' + hue(id) + ' 55% 45%)';
    return a;
  }

  // The server's double-submit CSRF token: its cookie, repeated as a header on every post.
  function csrfToken() {
    const m = /(?:^|;\s*)meetbot_csrf=([^;]+)/.exec(document.cookie);
    return m ? m[1] : '';
  }

  async function api(path, body) {
    const res = await fetch(path, body ? { method: 'POST', headers: { 'content-type': 'application/json', 'x-csrf-token': csrfToken() }, body: JSON.stringify(body) } : {});
    const json = await res.json().catch(() => ({}));
    if (!res.ok) throw new Error(json.error || 'The server answered ' + res.status + '.');
    return json;
  }

  function userText(text) {
    return M.escapeHtml(text).replace(/(^|\s)(@[\p{L}\p{N}_.-]+|\/meet\b)/gu, '$1<span class="mention">$2</span>');
  }

  // ---- rendering ----
  function renderMessage(m) {
    const row = document.createElement('article');
    row.className = 'msg' + (m.author.kind === 'bot' ? ' from-bot' : '') + (m.visibleTo ? ' ephemeral' : '') + (m.errorCode ? ' error' : '');
    row.dataset.messageId = m.id;
    if (m.card) row.dataset.meetingId = m.card.meetingId;
    const name = m.author.kind === 'bot' ? 'meetbot' : m.author.displayName;
    row.appendChild(avatar(m.author.kind === 'bot' ? 'meetbot' : m.author.id, name, m.author.kind === 'bot'));
    const body = document.createElement('div');
    body.className = 'msg-body';
    const head = document.createElement('div');
    head.className = 'msg-head';
    head.innerHTML = '<strong>' + M.escapeHtml(name) + '</strong>' + (m.author.kind === 'bot' ? '<span class="badge">APP</span>' : '') +
      '<time>' + M.escapeHtml(M.fmt(new Date(m.at), zone(), { hour: 'numeric', minute: '2-digit' }, locale())) + '</time>' +
      (m.visibleTo ? '<span class="only-you">Only visible to you</span>' : '');
    body.appendChild(head);
    if (m.rendered) body.appendChild(renderTextViews(m));
    else if (m.text) {
      const t = document.createElement('div');
      t.className = 'msg-text';
      t.innerHTML = m.author.kind === 'bot' ? window.SlackView.mrkdwn(m.text, { zone: zone(), locale: locale(), people: state.people }) : userText(m.text);
      body.appendChild(t);
    }
    if (m.about) body.appendChild(cardLink(m.about));
    if (m.suggestions && m.suggestions.length) body.appendChild(suggestionButtons(m.suggestions));
    if (m.card) body.appendChild(renderCard(m));
    row.appendChild(body);
    return row;
  }

  // The commands a reply offers: a click sends one as if typed, as Teams' imBack and Slack's buttons do.
  function suggestionButtons(list) {
    const row = document.createElement('div');
    row.className = 'suggestions';
    list.forEach(function (s, i) {
      const b = document.createElement('button');
      b.type = 'button';
      b.className = 'suggestion' + (i === 0 ? ' primary' : '');
      b.textContent = s.label;
      b.title = s.text;
      b.addEventListener('click', function () { send(s.text); });
      row.appendChild(b);
    });
    return row;
  }

  // A confirmation's link to its card, as Slack's permalink and Teams' message link take you there.
  function cardLink(about) {
    const a = document.createElement('a');
    a.className = 'card-link';
    a.href = '#message-' + about.messageId;
    a.textContent = '↑ ' + about.label;
    a.addEventListener('click', (e) => {
      e.preventDefault();
      const target = document.querySelector('[data-message-id="' + about.messageId + '"]');
      if (!target) return;
      target.scrollIntoView({ behavior: 'smooth', block: 'center' });
      target.classList.add('flash');
      setTimeout(() => target.classList.remove('flash'), 1600);
    });
    return a;
  }

  // The two panes side by side: Teams' rendering and Slack's, each under its platform's header.
  function platformViews(className, headers, teamsView, slackView) {
    const views = document.createElement('div');
    views.className = className;
    [['teams', headers.teams, teamsView], ['slack', headers.slack, slackView]].forEach(function (pane) {
      const section = document.createElement('section');
      section.className = 'platform ' + pane[0];
      section.innerHTML = '<header><span class="dot"></span>' + pane[1] + '</header>';
      section.appendChild(pane[2]);
      views.appendChild(section);
    });
    return views;
  }

  // A text reply as each platform shows it, from the exact text each adapter sends.
  function renderTextViews(m) {
    return platformViews(
      'card-views text-views',
      { teams: 'Microsoft Teams', slack: 'Slack' },
      window.TeamsView.renderTeamsText(m.rendered.teams),
      window.SlackView.renderSlack({ text: m.rendered.slack }, { zone: zone(), locale: locale(), people: state.people, onAction: function () {} }),
    );
  }

  function renderCard(m) {
    return platformViews(
      'card-views',
      { teams: 'Microsoft Teams <small>Adaptive Card</small>', slack: 'Slack <small>Block Kit</small>' },
      window.TeamsView.renderTeams(m.card.teams, {
        onOpenUrl: (url) => window.open(url, '_blank', 'noopener'),
        onAction: (click) => act(m, Object.assign({ source: 'teams' }, click)),
      }),
      window.SlackView.renderSlack(m.card.slack, {
        zone: zone(),
        locale: locale(),
        people: state.people,
        onAction: (actionId, value, btn) => {
          if (/reschedule$/.test(actionId)) return toggleRescheduleForm(m, btn, actionId, value);
          act(m, { source: 'slack', actionId: actionId, value: value });
        },
      }),
    );
  }

  // Slack opens a modal for Reschedule; the playground shows the same three inputs under the buttons, starting from
  // the meeting's own date, time and length in your zone, with the words in your language.
  async function toggleRescheduleForm(m, btn, actionId, value) {
    const host = btn.closest('.sk-message');
    const existing = host.querySelector('.sk-form');
    if (existing) return existing.remove();
    const q = '?as=' + encodeURIComponent(state.me.id) + '&conversation=' + encodeURIComponent(state.conversation) + '&meeting=' + encodeURIComponent(value);
    let answer;
    try {
      answer = await api('/playground/api/reschedule-form' + q);
    } catch (e) {
      return notice(e.message);
    }
    if (!answer.ok) return notice(answer.text);
    const L = answer.labels;
    const v = answer.values;
    const esc = M.escapeHtml;
    const form = document.createElement('form');
    form.className = 'sk-form';
    form.innerHTML = '<div class="sk-form-title">' + esc(L.title) + '</div>' +
      '<label>' + esc(L.date) + '<input type="date" name="date" value="' + esc(v.date) + '" required></label>' +
      '<label>' + esc(L.time) + '<input type="time" name="time" value="' + esc(v.time) + '" required></label>' +
      '<label>' + esc(L.duration) + '<input type="number" name="durationMinutes" min="1" max="1440" value="' + esc(String(v.durationMinutes)) + '"></label>' +
      '<div class="sk-form-actions"><button type="button" class="sk-btn" data-cancel>' + esc(L.close) + '</button><button type="submit" class="sk-btn sk-primary">' + esc(L.save) + '</button></div>';
    form.querySelector('[data-cancel]').addEventListener('click', () => form.remove());
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      const f = new window.FormData(form);
      act(m, { source: 'slack', actionId: actionId, value: value, values: { date: f.get('date'), time: f.get('time'), durationMinutes: f.get('durationMinutes') } });
      form.remove();
    });
    host.appendChild(form);
  }

  function upsert(m) {
    const known = state.messages.get(m.id);
    if (known && known.version >= m.version) return;
    state.messages.set(m.id, m);
    const list = $('messages');
    const node = renderMessage(m);
    const old = list.querySelector('[data-message-id="' + m.id + '"]');
    if (old) old.replaceWith(node);
    else {
      list.appendChild(node);
      list.scrollTop = list.scrollHeight;
    }
    $('empty').hidden = true;
  }

  function notice(text) {
    upsert({ id: 'local-' + Date.now() + Math.random(), conversation: state.conversation, at: new Date().toISOString(), author: { kind: 'bot' }, text: text, visibleTo: state.me.id, errorCode: 'page', version: 1 });
  }

  // ---- talking to the server ----
  async function act(m, click) {
    try {
      const r = await api('/playground/api/actions', { as: state.me.id, conversation: state.conversation, messageId: m.id, click: click, timeZone: browserZone });
      if (r.updated) upsert(r.updated);
      r.messages.forEach(upsert);
    } catch (e) {
      notice(e.message);
    }
  }

  async function send(text) {
    const typing = $('send');
    typing.disabled = true;
    typing.textContent = '…';
    try {
      const r = await api('/playground/api/messages', { as: state.me.id, conversation: state.conversation, text: text, timeZone: browserZone });
      r.messages.forEach(upsert);
    } catch (e) {
      notice(e.message);
    } finally {
      typing.disabled = false;
      typing.textContent = 'Send';
    }
  }

  async function openConversation(id) {
    state.conversation = id;
    state.messages.clear();
    $('messages').querySelectorAll('.msg').forEach((n) => n.remove());
    $('empty').hidden = false;
    const conv = state.me.conversations.find((c) => c.id === id);
    $('title').textContent = conv.kind === 'direct' ? 'meetbot (direct message)' : conv.name;
    $('subtitle').textContent = 'You are ' + state.me.displayName + ' · times in ' + zone() + (conv.kind === 'direct' ? ' · anything you type goes to meetbot' : ' · start with /meet or @meetbot');
    $('text').placeholder = conv.kind === 'direct' ? 'Message meetbot — try: now Demo @bob' : 'Message ' + conv.name + ' — try /meet now Demo @bob';
    document.querySelectorAll('.conversations button').forEach((b) => b.classList.toggle('active', b.dataset.conversation === id));
    if (state.events) state.events.close();
    const q = '?as=' + encodeURIComponent(state.me.id) + '&conversation=' + encodeURIComponent(id);
    const history = await api('/playground/api/messages' + q);
    history.messages.forEach(upsert);
    state.events = new EventSource('/playground/api/events' + q);
    state.events.addEventListener('message', (e) => upsert(JSON.parse(e.data)));
    state.events.addEventListener('update', (e) => upsert(JSON.parse(e.data)));
  }

  function becomePerson(id) {
    state.me = state.people.find((p) => p.id === id);
    document.querySelectorAll('.people button').forEach((b) => b.setAttribute('aria-checked', String(b.dataset.person === id)));
    const nav = $('conversations');
    nav.innerHTML = '';
    state.me.conversations.forEach((c) => {
      const b = document.createElement('button');
      b.type = 'button';
      b.dataset.conversation = c.id;
      b.innerHTML = c.kind === 'direct' ? '<span class="avatar bot small">m</span> meetbot <small>direct</small>' : '<span class="hash">#</span> ' + M.escapeHtml(c.name.replace(/^#/, ''));
      b.addEventListener('click', () => openConversation(c.id));
      nav.appendChild(b);
    });
    const keep = state.me.conversations.some((c) => c.id === state.conversation) ? state.conversation : 'general';
    return openConversation(keep);
  }

  async function start() {
    const { people } = await api('/playground/api/people');
    state.people = people;
    const list = $('people');
    people.forEach((p) => {
      const b = document.createElement('button');
      b.type = 'button';
      b.setAttribute('role', 'radio');
      b.dataset.person = p.id;
      b.title = p.email + (p.timeZone ? ' · ' + p.timeZone : '');
      b.appendChild(avatar(p.id, p.displayName));
      const label = document.createElement('span');
      label.innerHTML = '<strong>' + M.escapeHtml(p.displayName) + '</strong><small>@' + M.escapeHtml(p.id) + (p.jobTitle ? ' · ' + M.escapeHtml(p.jobTitle) : '') + '</small>';
      b.appendChild(label);
      b.addEventListener('click', () => becomePerson(p.id));
      list.appendChild(b);
    });
    SUGGESTIONS.forEach((s) => {
      const chip = document.createElement('button');
      chip.type = 'button';
      chip.textContent = s;
      chip.addEventListener('click', () => {
        $('text').value = s;
        $('text').focus();
      });
      $('suggestions').appendChild(chip);
    });
    document.querySelectorAll('.toggle button').forEach((b) => b.addEventListener('click', () => {
      document.querySelectorAll('.toggle button').forEach((x) => x.classList.toggle('active', x === b));
      $('app').classList.remove('view-both', 'view-teams', 'view-slack');
      $('app').classList.add('view-' + b.dataset.view);
    }));
    const menu = (open) => {
      $('app').classList.toggle('menu-open', open);
      $('menu').setAttribute('aria-expanded', String(open));
    };
    $('menu').addEventListener('click', () => menu(!$('app').classList.contains('menu-open')));
    $('scrim').addEventListener('click', () => menu(false));
    // Picking a person or a conversation closes the menu on narrow screens.
    $('sidebar').addEventListener('click', (e) => { if (e.target.closest('button')) menu(false); });
    $('composer').addEventListener('submit', (e) => {
      e.preventDefault();
      const text = $('text').value.trim();
      if (!text) return;
      $('text').value = '';
      send(text);
    });
    await becomePerson(people[0].id);
    document.body.dataset.ready = 'true';
  }

  start().catch((e) => {
    document.body.innerHTML = '<p class="fatal">The playground could not start: ' + M.escapeHtml(e.message) + '</p>';
  });
})();
