// Parlons agent UI: CSRF for htmx, live updates over SSE, keyboard shortcuts. No inline scripts (CSP).
(function () {
  'use strict';

  function csrf() {
    const token = document.querySelector('meta[name="_csrf"]');
    const header = document.querySelector('meta[name="_csrf_header"]');
    return token && header ? { header: header.content, token: token.content } : null;
  }

  document.addEventListener('htmx:configRequest', function (e) {
    const c = csrf();
    if (c) { e.detail.headers[c.header] = c.token; }
  });

  // Tell the customer (web chat) that an answer is being written: at most every 3 s while typing.
  let lastTyping = 0;
  document.addEventListener('input', function (e) {
    if (!e.target || e.target.id !== 'reply-text') { return; }
    const id = openConversationId();
    const now = Date.now();
    if (!id || now - lastTyping < 3000) { return; }
    lastTyping = now;
    const c = csrf();
    const headers = {};
    if (c) { headers[c.header] = c.token; }
    fetch('/inbox/conversations/' + id + '/typing', { method: 'POST', headers: headers, credentials: 'same-origin' })
      .catch(function () { /* typing is a courtesy: never an error */ });
  });

  function openConversationId() {
    const conv = document.getElementById('conversation');
    return conv ? conv.dataset.id : null;
  }

  function refreshList() {
    const form = document.getElementById('filters');
    if (!form || !window.htmx) { return; }
    const params = new URLSearchParams(new FormData(form)).toString();
    const selected = document.querySelector('.row.selected');
    htmx.ajax('GET', '/inbox?' + params, { target: '#list', swap: 'outerHTML' }).then(function () {
      if (selected) {
        const again = document.getElementById(selected.id);
        if (again) { again.classList.add('selected'); }
      }
    });
  }

  function refreshThread(id) {
    const thread = document.getElementById('thread');
    if (!thread || !window.htmx) { return; }
    htmx.ajax('GET', '/inbox/conversations/' + id + '/thread', { target: '#thread', swap: 'outerHTML' }).then(scrollThread);
  }

  function scrollThread() {
    const thread = document.getElementById('thread');
    if (thread) { thread.scrollTop = thread.scrollHeight; }
  }

  function connectLive() {
    const url = document.body.dataset.live;
    if (!url || !window.EventSource) { return; }
    const state = document.getElementById('live-state');
    const source = new EventSource(url);
    source.onopen = function () {
      if (state) { state.className = 'live online'; state.textContent = state.dataset.online; }
    };
    source.onerror = function () {
      if (state) { state.className = 'live offline'; state.textContent = state.dataset.offline; }
    };
    source.addEventListener('inbox', function (e) {
      const event = JSON.parse(e.data);
      refreshList();
      if (String(event.conversationId) === openConversationId()) { refreshThread(event.conversationId); }
    });
  }

  function rows() { return Array.from(document.querySelectorAll('.row')); }

  function move(step) {
    const all = rows();
    if (!all.length) { return; }
    let index = all.findIndex(function (r) { return r.classList.contains('selected'); });
    index = Math.max(0, Math.min(all.length - 1, index + step));
    all.forEach(function (r) { r.classList.remove('selected'); });
    all[index].classList.add('selected');
    all[index].focus();
    all[index].click();
  }

  document.addEventListener('keydown', function (e) {
    const typing = /INPUT|TEXTAREA|SELECT/.test(document.activeElement.tagName);
    if (typing) {
      if (e.key === 'Enter' && (e.ctrlKey || e.metaKey) && document.activeElement.form) {
        e.preventDefault();
        htmx.trigger(document.activeElement.form, 'submit');
      }
      if (e.key === 'Escape') { document.activeElement.blur(); }
      return;
    }
    switch (e.key) {
      case 'j': move(1); break;
      case 'k': move(-1); break;
      case 'r': { const t = document.getElementById('reply-text'); if (t) { e.preventDefault(); t.focus(); } break; }
      case 'n': { const b = document.querySelector('[data-tab="note-form"]'); if (b) { e.preventDefault(); b.click(); document.getElementById('note-text').focus(); } break; }
      case 'e': { const b = document.getElementById('resolve'); if (b) { b.click(); } break; }
      case '/': { const s = document.getElementById('search'); if (s) { e.preventDefault(); s.focus(); } break; }
      case '?': { const h = document.querySelector('.help'); if (h) { h.hidden = !h.hidden; } break; }
      case 'Enter': { const r = document.activeElement; if (r && r.classList.contains('row')) { r.click(); } break; }
    }
  });

  document.addEventListener('click', function (e) {
    const row = e.target.closest('.row');
    if (row) {
      rows().forEach(function (r) { r.classList.remove('selected'); });
      row.classList.add('selected');
    }
    const tab = e.target.closest('.tab');
    if (tab) {
      document.querySelectorAll('.tab').forEach(function (t) { t.classList.toggle('active', t === tab); });
      document.querySelectorAll('.tab-panel').forEach(function (p) { p.hidden = p.id !== tab.dataset.tab; });
    }
  });

  document.addEventListener('change', function (e) {
    if (e.target.classList.contains('canned') && e.target.value) {
      const text = document.getElementById('reply-text');
      text.value = (text.value ? text.value + '\n' : '') + e.target.value;
      e.target.value = '';
      text.focus();
    }
  });

  document.addEventListener('htmx:afterSwap', function (e) {
    if (e.detail.target && e.detail.target.id === 'pane') { scrollThread(); }
  });

  // A refused action answers problem+json: show its detail where the action was asked for.
  document.addEventListener('htmx:responseError', function (e) {
    var box = e.detail.elt && e.detail.elt.closest('[data-problem-target]');
    var out = box && box.querySelector('.problem');
    if (!out) { return; }
    try { out.textContent = JSON.parse(e.detail.xhr.responseText).detail; } catch (err) { out.textContent = e.detail.xhr.statusText; }
  });

  // Timers on the pane (reply window, service levels) count down: "(3 h 12 min)".
  function countdowns() {
    document.querySelectorAll('.signal[data-at]').forEach(function (el) {
      var left = Math.max(0, Date.parse(el.getAttribute('data-at')) - Date.now());
      var h = Math.floor(left / 3600000), m = Math.floor(left % 3600000 / 60000);
      var out = el.querySelector('.left') || el.appendChild(document.createElement('span'));
      out.className = 'left';
      out.textContent = ' (' + (h > 0 ? h + ' h ' : '') + m + ' min)';
    });
  }
  setInterval(countdowns, 30000);
  document.addEventListener('htmx:afterSwap', countdowns);

  document.addEventListener('DOMContentLoaded', function () { connectLive(); scrollThread(); countdowns(); });
})();
