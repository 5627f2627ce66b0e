/*
 * Parlons web chat. Paste on your site:
 *   <script src="https://parlons.example.com/widget.js" data-token="pwt_…" async></script>
 * Optional: data-lang="fr|en", data-user-id + data-user-hash (HMAC-SHA256 of the user id with the inbox's
 * identity secret, computed by your server) to say who is signed in, data-user-name, data-user-email.
 * Everything is built with DOM calls and textContent: nothing anyone writes becomes HTML.
 */
(function () {
  'use strict';
  var script = document.currentScript;
  if (!script || !script.dataset.token || document.getElementById('parlons-widget')) { return; }
  var token = script.dataset.token;
  var api = new URL(script.src).origin + '/widget/api/' + encodeURIComponent(token);
  var storeKey = 'parlons-visitor-' + token;
  var texts = {
    fr: { open: 'Discuter avec nous', close: 'Fermer', placeholder: 'Votre message…', send: 'Envoyer',
      online: 'Un conseiller est en ligne.', offline: 'Personne n\u2019est disponible pour le moment : laissez votre adresse, nous vous répondrons par email.',
      email: 'Votre email', save: 'Enregistrer', saved: 'Nous vous répondrons à ', typing: ' écrit…',
      tooMany: 'Trop de messages d\u2019un coup : patientez un instant.', failed: 'Message non envoyé. Réessayez.', you: 'Vous',
      ask: 'Comment avons-nous répondu ?', scores: ['Très mécontent', 'Mécontent', 'Ni l\u2019un ni l\u2019autre', 'Satisfait', 'Très satisfait'],
      comment: 'Un commentaire (facultatif)', rate: 'Noter', thanks: 'Merci pour votre note.' },
    en: { open: 'Chat with us', close: 'Close', placeholder: 'Your message…', send: 'Send',
      online: 'An agent is online.', offline: 'Nobody is available right now: leave your email and we will answer by email.',
      email: 'Your email', save: 'Save', saved: 'We will answer to ', typing: ' is typing…',
      tooMany: 'Too many messages at once: wait a moment.', failed: 'Message not sent. Try again.', you: 'You',
      ask: 'How did we do?', scores: ['Very unhappy', 'Unhappy', 'Neither', 'Happy', 'Very happy'],
      comment: 'A comment (optional)', rate: 'Rate', thanks: 'Thank you for your rating.' }
  };
  var lang = (script.dataset.lang || navigator.language || 'fr').slice(0, 2);
  var t = texts[lang] || texts.fr;

  function el(tag, className, text) {
    var e = document.createElement(tag);
    if (className) { e.className = className; }
    if (text) { e.textContent = text; }
    return e;
  }

  var style = el('style');
  style.textContent = '#parlons-widget{position:fixed;right:20px;bottom:20px;z-index:2147483000;font:14px/1.4 system-ui,sans-serif}'
    + '#parlons-launcher{background:#1d4ed8;color:#fff;border:0;border-radius:24px;padding:12px 18px;cursor:pointer;box-shadow:0 2px 8px #0003}'
    + '#parlons-panel{width:340px;max-height:520px;display:flex;flex-direction:column;background:#fff;border:1px solid #d0d5dd;border-radius:12px;box-shadow:0 8px 24px #0003;margin-bottom:10px;overflow:hidden}'
    + '#parlons-panel[hidden]{display:none}.parlons-head{background:#1d4ed8;color:#fff;padding:10px 12px;display:flex;justify-content:space-between}'
    + '.parlons-head button{background:none;border:0;color:#fff;cursor:pointer}#parlons-status{padding:6px 12px;color:#475467;font-size:12px}'
    + '#parlons-messages{list-style:none;margin:0;padding:8px 12px;overflow-y:auto;flex:1;min-height:160px}'
    + '#parlons-messages li{margin:6px 0;padding:6px 10px;border-radius:10px;max-width:85%;white-space:pre-wrap;word-wrap:break-word}'
    + '#parlons-messages li.in{background:#e0e7ff;margin-left:auto}#parlons-messages li.out{background:#f2f4f7}'
    + '#parlons-messages li small{display:block;color:#667085;font-size:11px}#parlons-typing{padding:0 12px;color:#667085;font-size:12px;min-height:16px}'
    + '#parlons-form,#parlons-email-form{display:flex;gap:6px;padding:8px;border-top:1px solid #eaecf0}'
    + '#parlons-input{flex:1;resize:none;height:40px;font:inherit}#parlons-email{flex:1;font:inherit}'
    + '#parlons-email-form[hidden]{display:none}#parlons-error{color:#b42318;font-size:12px;padding:0 12px}'
    + '#parlons-survey{padding:8px 12px;border-top:1px solid #eaecf0}#parlons-survey[hidden]{display:none}'
    + '#parlons-survey fieldset{border:0;margin:0;padding:0;display:flex;gap:4px}#parlons-survey legend{font-weight:600;margin-bottom:6px}'
    + '#parlons-survey label{flex:1;text-align:center;border:1px solid #d0d5dd;border-radius:8px;padding:6px 0;cursor:pointer}'
    + '#parlons-survey input[type=radio]{position:absolute;opacity:0}#parlons-survey label:has(input:checked){background:#1d4ed8;color:#fff}'
    + '#parlons-survey label:has(input:focus-visible){outline:2px solid #1d4ed8;outline-offset:2px}'
    + '#parlons-survey textarea{width:100%;box-sizing:border-box;margin:6px 0;font:inherit}';
  document.head.appendChild(style);

  var root = el('div'); root.id = 'parlons-widget';
  var panel = el('div'); panel.id = 'parlons-panel'; panel.hidden = true;
  var head = el('div', 'parlons-head'); var title = el('strong', null, t.open); var close = el('button', null, '×');
  close.setAttribute('aria-label', t.close); head.appendChild(title); head.appendChild(close);
  var status = el('div'); status.id = 'parlons-status';
  var list = el('ol'); list.id = 'parlons-messages';
  var typing = el('div'); typing.id = 'parlons-typing';
  var error = el('div'); error.id = 'parlons-error';
  var emailForm = el('form'); emailForm.id = 'parlons-email-form'; emailForm.hidden = true;
  var email = el('input'); email.id = 'parlons-email'; email.type = 'email'; email.placeholder = t.email; email.required = true;
  emailForm.appendChild(email); emailForm.appendChild(el('button', null, t.save));
  var survey = el('form'); survey.id = 'parlons-survey'; survey.hidden = true;
  var scale = el('fieldset'); scale.appendChild(el('legend', null, t.ask));
  t.scores.forEach(function (label, i) {
    var option = el('label', null, String(i + 1)); option.title = label;
    var radio = el('input'); radio.type = 'radio'; radio.name = 'score'; radio.value = String(i + 1);
    radio.required = true; radio.setAttribute('aria-label', (i + 1) + ' — ' + label);
    option.insertBefore(radio, option.firstChild); scale.appendChild(option);
  });
  var remark = el('textarea'); remark.id = 'parlons-survey-comment'; remark.placeholder = t.comment;
  remark.setAttribute('aria-label', t.comment); remark.maxLength = 2000;
  var rateButton = el('button', null, t.rate); rateButton.type = 'submit'; rateButton.id = 'parlons-rate';
  survey.appendChild(scale); survey.appendChild(remark); survey.appendChild(rateButton);
  var form = el('form'); form.id = 'parlons-form';
  var input = el('textarea'); input.id = 'parlons-input'; input.placeholder = t.placeholder; input.maxLength = 5000;
  var send = el('button', null, t.send); send.id = 'parlons-send'; send.type = 'submit';
  form.appendChild(input); form.appendChild(send);
  [head, status, list, typing, error, survey, emailForm, form].forEach(function (n) { panel.appendChild(n); });
  var launcher = el('button', null, t.open); launcher.id = 'parlons-launcher'; launcher.type = 'button';
  root.appendChild(panel); root.appendChild(launcher);
  document.body.appendChild(root);

  var visitor = null;
  var started = false;
  var events = null;
  var typingTimer = null;
  var savedEmail = null;

  function post(path, body) {
    var headers = { 'Content-Type': 'application/json' };
    if (visitor) { headers['X-Visitor-Token'] = visitor; }
    return fetch(api + path, { method: 'POST', headers: headers, body: JSON.stringify(body), credentials: 'omit' });
  }

  function add(direction, text, who) {
    var li = el('li', direction, text);
    if (who) { li.insertBefore(el('small', null, who), li.firstChild); }
    list.appendChild(li);
    list.scrollTop = list.scrollHeight;
    return li;
  }

  function presence(online, knownEmail) {
    if (knownEmail) { savedEmail = knownEmail; }
    knownEmail = savedEmail;
    status.textContent = online ? t.online : t.offline;
    emailForm.hidden = online || !!knownEmail;
    if (knownEmail) { status.textContent += ' ' + t.saved + knownEmail; }
  }

  function session() {
    var body = { visitorToken: localStorage.getItem(storeKey) };
    ['userId', 'userHash', 'userName', 'userEmail'].forEach(function (k) {
      if (script.dataset[k]) { body[{ userName: 'name', userEmail: 'email' }[k] || k] = script.dataset[k]; }
    });
    return post('/session', body).then(function (r) {
      if (!r.ok) { throw new Error('session ' + r.status); }
      return r.json();
    }).then(function (s) {
      visitor = s.visitorToken;
      localStorage.setItem(storeKey, visitor);
      title.textContent = s.inboxName;
      while (list.firstChild) { list.removeChild(list.firstChild); }
      if (s.welcome) { add('out', s.welcome); }
      s.messages.forEach(function (m) { add(m.direction, m.text, m.direction === 'out' ? m.authorName : null); });
      presence(s.agentsOnline, s.email);
      survey.hidden = !s.survey;
      return s;
    });
  }

  function listen() {
    events = new EventSource(api + '/events?v=' + encodeURIComponent(visitor));
    var first = true;
    events.addEventListener('open', function () {
      // After a dropped connection, the history catches up with whatever was said meanwhile.
      if (!first) { session(); }
      first = false;
    });
    events.addEventListener('message', function (e) {
      var m = JSON.parse(e.data);
      typing.textContent = '';
      add('out', m.text, m.authorName);
    });
    events.addEventListener('survey', function () { survey.hidden = false; });
    events.addEventListener('typing', function (e) {
      var data = JSON.parse(e.data);
      typing.textContent = data.agent + t.typing;
      clearTimeout(typingTimer);
      typingTimer = setTimeout(function () { typing.textContent = ''; }, 5000);
    });
  }

  function start() {
    if (started) { return; }
    started = true;
    session().then(listen).catch(function () { started = false; error.textContent = t.failed; });
  }

  launcher.addEventListener('click', function () {
    panel.hidden = !panel.hidden;
    if (!panel.hidden) { start(); input.focus(); }
  });
  close.addEventListener('click', function () { panel.hidden = true; });

  form.addEventListener('submit', function (e) {
    e.preventDefault();
    var text = input.value.trim();
    if (!text || !visitor) { return; }
    var clientId = (crypto.randomUUID ? crypto.randomUUID() : String(Date.now()) + Math.random());
    error.textContent = '';
    send.disabled = true;
    post('/messages', { text: text, clientId: clientId }).then(function (r) {
      if (r.status === 429) { error.textContent = t.tooMany; return; }
      if (!r.ok) { error.textContent = t.failed; return; }
      input.value = '';
      add('in', text, t.you);
      return r.json().then(function (a) { presence(a.agentsOnline, null); });
    }).catch(function () { error.textContent = t.failed; }).then(function () { send.disabled = false; });
  });
  input.addEventListener('keydown', function (e) {
    if (e.key === 'Enter' && !e.shiftKey) { e.preventDefault(); form.requestSubmit(); }
  });

  survey.addEventListener('submit', function (e) {
    e.preventDefault();
    var chosen = survey.querySelector('input[name=score]:checked');
    if (!chosen) { return; }
    rateButton.disabled = true;
    post('/rating', { score: Number(chosen.value), comment: remark.value.trim() || null }).then(function (r) {
      if (r.ok) { survey.hidden = true; add('out', t.thanks); return; }
      // 409: rated already (in another tab), or the survey expired: nothing waits any more
      if (r.status === 409) { survey.hidden = true; return; }
      error.textContent = t.failed;
    }).catch(function () { error.textContent = t.failed; }).then(function () { rateButton.disabled = false; });
  });

  emailForm.addEventListener('submit', function (e) {
    e.preventDefault();
    post('/email', { email: email.value }).then(function (r) { return r.ok ? r.json() : null; }).then(function (a) {
      if (a) { presence(false, a.email); }
    });
  });
})();
