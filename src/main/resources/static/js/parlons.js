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
    if (!thread || !window.htmx) { return Promise.resolve(); }
    return htmx.ajax('GET', '/inbox/conversations/' + id + '/thread', { target: '#thread', swap: 'outerHTML' }).then(scrollThread);
  }

  // What concerns this agent (a conversation assigned to them, a customer's message on one of
  // theirs): a toast on the page, a system notification when the tab is hidden and the agent
  // allowed them, a short sound when they turned it on.
  function notify(notice) {
    const box = document.getElementById('notices');
    if (!box) { return; }
    const text = (box.dataset[notice.kind] || notice.kind).replace('{customer}', notice.customer);
    const toast = document.createElement('div');
    toast.className = 'toast notice-toast';
    toast.setAttribute('role', 'status');
    toast.dataset.conversation = notice.conversationId;
    const body = document.createElement('div');
    body.className = 'toast-body d-flex gap-2 align-items-center';
    const words = document.createElement('span');
    words.className = 'flex-grow-1';
    words.textContent = text;
    const open = document.createElement('a');
    open.href = '/inbox/conversations/' + notice.conversationId;
    open.textContent = box.dataset.open;
    const close = document.createElement('button');
    close.type = 'button';
    close.className = 'btn-close';
    close.setAttribute('data-bs-dismiss', 'toast');
    close.setAttribute('aria-label', box.dataset.close);
    body.append(words, open, close);
    toast.appendChild(body);
    box.appendChild(toast);
    if (window.bootstrap) { new bootstrap.Toast(toast, { delay: 8000 }).show(); } else { toast.classList.add('show'); }
    toast.addEventListener('hidden.bs.toast', function () { toast.remove(); });
    if (document.hidden && window.Notification && Notification.permission === 'granted') {
      new Notification('Parlons', { body: text, tag: 'parlons-' + notice.conversationId });
    }
    if (soundOn()) { beep(); }
  }

  function soundOn() {
    try { return localStorage.getItem('parlons.sound') === 'on'; } catch (e) { return false; }
  }

  function beep() {
    const Audio = window.AudioContext || window.webkitAudioContext;
    if (!Audio) { return; }
    const audio = new Audio();
    const tone = audio.createOscillator();
    const volume = audio.createGain();
    tone.frequency.value = 880;
    volume.gain.setValueAtTime(0.08, audio.currentTime);
    volume.gain.exponentialRampToValueAtTime(0.0001, audio.currentTime + 0.25);
    tone.connect(volume).connect(audio.destination);
    tone.start();
    tone.stop(audio.currentTime + 0.25);
  }

  function settingsLabels() {
    const sound = document.getElementById('sound-toggle');
    if (sound) { sound.textContent = soundOn() ? sound.dataset.on : sound.dataset.off; }
    const alerts = document.getElementById('notifications-toggle');
    if (alerts && window.Notification) {
      alerts.textContent = Notification.permission === 'granted' ? alerts.dataset.on : alerts.dataset.off;
    }
  }

  document.addEventListener('click', function (e) {
    if (e.target.closest('#sound-toggle')) {
      try { localStorage.setItem('parlons.sound', soundOn() ? 'off' : 'on'); } catch (err) { /* not kept */ }
      settingsLabels();
    }
    if (e.target.closest('#notifications-toggle') && window.Notification && Notification.permission === 'default') {
      Notification.requestPermission().then(settingsLabels);
    }
  });

  // A list kept fresh (the approvals): drawn again every few seconds, unless the reader is
  // writing in it.
  function keepFresh() {
    const list = document.querySelector('[data-refresh]');
    if (!list || !window.htmx) { return; }
    const every = 1000 * parseInt(list.dataset.refreshEvery || '20', 10);
    setInterval(function () {
      const current = document.querySelector('[data-refresh]');
      if (!current || current.contains(document.activeElement) && /TEXTAREA|INPUT/.test(document.activeElement.tagName)) { return; }
      const edited = Array.from(current.querySelectorAll('textarea')).some(function (t) { return t.value !== t.defaultValue; });
      if (edited) { return; }
      htmx.ajax('GET', current.dataset.refresh, { target: '#' + current.id, select: '#' + current.id, swap: 'outerHTML' });
    }, every);
  }

  // Ticking rows gives one action to many conversations; the ticks survive the list being drawn again.
  let ticked = new Set();
  document.addEventListener('click', function (e) {
    if (e.target.closest('.bulk-check')) { e.stopPropagation(); }
  }, true);
  document.addEventListener('change', function (e) {
    if (!e.target.classList.contains('bulk-check')) { return; }
    if (e.target.checked) { ticked.add(e.target.value); } else { ticked.delete(e.target.value); }
    bulkBar();
  });
  document.addEventListener('htmx:afterRequest', function (e) {
    if (e.detail.elt && e.detail.elt.id === 'bulk' && e.detail.successful) {
      ticked = new Set();
      refreshList();
    }
  });

  function bulkBar() {
    const bar = document.getElementById('bulk');
    if (!bar) { return; }
    document.querySelectorAll('.bulk-check').forEach(function (c) { c.checked = ticked.has(c.value); });
    bar.hidden = ticked.size === 0;
    const count = bar.querySelector('.bulk-count');
    count.textContent = (ticked.size === 1 ? count.dataset.one : count.dataset.many).replace('{0}', ticked.size);
    const label = bar.querySelector('.bulk-label');
    label.hidden = bar.querySelector('select[name=action]').value !== 'label';
  }
  document.addEventListener('change', function (e) {
    if (e.target.closest('#bulk')) { bulkBar(); }
  });

  // The tab's title counts one's open conversations with unread messages; the filter column
  // shows the counts the list was just drawn with.
  function afterList() {
    const list = document.getElementById('list');
    if (!list) { return; }
    bulkBar();
    const base = document.title.replace(/^\(\d+\) /, '');
    const unread = parseInt(list.dataset.unreadAssigned || '0', 10);
    document.title = (unread > 0 ? '(' + unread + ') ' : '') + base;
    list.querySelectorAll('.counts b[data-status]').forEach(function (b) {
      const count = document.getElementById('count-' + b.dataset.status);
      if (count) { count.textContent = b.textContent; }
    });
  }

  function scrollThread() {
    const thread = document.getElementById('thread');
    if (thread) { thread.scrollTop = thread.scrollHeight; }
  }

  function connectLive() {
    // the inbox's stream; on the other pages of a signed-in agent, the same stream for their notices
    const url = document.body.dataset.live || (document.getElementById('notices') ? '/live' : null);
    if (!url || !window.EventSource) { return; }
    const state = document.getElementById('live-state');
    const source = new EventSource(url);
    source.onopen = function () {
      if (state) { state.className = 'live badge rounded-pill online'; state.textContent = state.dataset.online; }
    };
    source.onerror = function () {
      if (state) { state.className = 'live badge rounded-pill offline'; state.textContent = state.dataset.offline; }
    };
    source.addEventListener('inbox', function (e) {
      const event = JSON.parse(e.data);
      if (String(event.conversationId) === openConversationId()) {
        // the open thread is read first, so the list no longer counts it unread
        refreshThread(event.conversationId).then(refreshList);
      }
      else { refreshList(); }
    });
    source.addEventListener('notice', function (e) { notify(JSON.parse(e.data)); });
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
      document.querySelectorAll('.tab').forEach(function (t) {
        t.classList.toggle('active', t === tab);
        t.setAttribute('aria-selected', t === tab ? 'true' : 'false');
      });
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

  // On a phone the list and the conversation are two screens: opening one shows it, "back" the list.
  function showConversation(shown) {
    const inbox = document.querySelector('.inbox');
    if (inbox) { inbox.classList.toggle('has-conversation', shown); }
  }

  document.addEventListener('click', function (e) {
    const back = e.target.closest('[data-back]');
    if (!back || !document.getElementById('list')) { return; }
    e.preventDefault();
    showConversation(false);
    const form = document.getElementById('filters');
    history.pushState({}, '', '/inbox' + (form ? '?' + new URLSearchParams(new FormData(form)).toString() : ''));
    const selected = document.querySelector('.row.selected');
    if (selected) { selected.focus(); }
  });

  // A panel slid in over the page (filters, details) does not outlive the content it belongs to.
  document.addEventListener('htmx:beforeSwap', function (e) {
    if (!e.detail.target || !window.bootstrap) { return; }
    e.detail.target.querySelectorAll('.offcanvas.show').forEach(function (panel) {
      const open = bootstrap.Offcanvas.getInstance(panel);
      if (open) { open.hide(); }
    });
  });

  // "/" in the reply box offers the canned replies whose shortcut starts with what follows;
  // Enter, Tab or a click puts the reply (its variables already filled) in place of "/shortcut".
  function cannedToken(text) {
    const before = text.value.slice(0, text.selectionStart);
    const m = /(^|\s)\/([a-z0-9_-]*)$/.exec(before);
    return m ? { start: before.length - m[2].length - 1, word: m[2] } : null;
  }

  function cannedMenu() { return document.getElementById('canned-menu'); }

  function closeCanned() { const menu = cannedMenu(); if (menu) { menu.remove(); } }

  function pickCanned(text, option) {
    const token = cannedToken(text);
    if (!token) { closeCanned(); return; }
    const end = text.selectionStart;
    text.value = text.value.slice(0, token.start) + option.value + text.value.slice(end);
    const caret = token.start + option.value.length;
    text.setSelectionRange(caret, caret);
    closeCanned();
    text.focus();
  }

  function offerCanned(text) {
    closeCanned();
    const select = text.form && text.form.querySelector('select.canned');
    const token = select && cannedToken(text);
    if (!token) { return; }
    const options = Array.from(select.options).filter(function (o) {
      return o.dataset.shortcut && o.dataset.shortcut.indexOf(token.word) === 0;
    }).slice(0, 8);
    if (!options.length) { return; }
    const menu = document.createElement('div');
    menu.id = 'canned-menu';
    menu.className = 'dropdown-menu show canned-menu';
    menu.setAttribute('role', 'listbox');
    options.forEach(function (o, i) {
      const item = document.createElement('button');
      item.type = 'button';
      item.className = 'dropdown-item' + (i === 0 ? ' active' : '');
      item.setAttribute('role', 'option');
      item.dataset.shortcut = o.dataset.shortcut;
      const key = document.createElement('b');
      key.textContent = '/' + o.dataset.shortcut;
      item.appendChild(key);
      item.appendChild(document.createTextNode(' ' + (o.dataset.title || '')));
      item.addEventListener('mousedown', function (e) { e.preventDefault(); pickCanned(text, o); });
      menu.appendChild(item);
    });
    text.parentNode.insertBefore(menu, text.nextSibling);
  }

  document.addEventListener('input', function (e) {
    if (e.target && e.target.id === 'reply-text') { offerCanned(e.target); }
  });

  document.addEventListener('keydown', function (e) {
    const menu = cannedMenu();
    const text = document.getElementById('reply-text');
    if (!menu || !text || document.activeElement !== text) { return; }
    const items = Array.from(menu.querySelectorAll('.dropdown-item'));
    let index = items.findIndex(function (i) { return i.classList.contains('active'); });
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      index = (index + (e.key === 'ArrowDown' ? 1 : items.length - 1)) % items.length;
      items.forEach(function (i, n) { i.classList.toggle('active', n === index); });
    }
    else if (e.key === 'Enter' || e.key === 'Tab') {
      const select = text.form.querySelector('select.canned');
      const chosen = Array.from(select.options).find(function (o) { return o.dataset.shortcut === items[Math.max(0, index)].dataset.shortcut; });
      if (chosen) { pickCanned(text, chosen); }
    }
    else if (e.key === 'Escape') { closeCanned(); }
    else { return; }
    e.preventDefault();
    e.stopPropagation();
  }, true);

  document.addEventListener('htmx:afterSwap', function (e) {
    if (e.detail.target && e.detail.target.id === 'pane') {
      document.querySelectorAll('.offcanvas-backdrop').forEach(function (b) { b.remove(); });
      document.body.style.removeProperty('overflow');
      document.body.style.removeProperty('padding-right');
      showConversation(true);
      scrollThread();
    }
  });

  // The language switch keeps the page and its filters; only the language changes.
  document.addEventListener('click', function (e) {
    const link = e.target.closest('a[data-lang]');
    if (!link) { return; }
    e.preventDefault();
    const url = new URL(window.location.href);
    url.searchParams.set('lang', link.dataset.lang);
    window.location.assign(url.toString());
  });

  // Colour theme: auto (the system's), light or dark, kept in this browser.
  function themeLabel(button, chosen) {
    const label = button.dataset[chosen] || chosen;
    button.title = label;
    button.setAttribute('aria-label', label);
  }

  document.addEventListener('click', function (e) {
    const button = e.target.closest('#theme-toggle');
    if (!button) { return; }
    let chosen = 'auto';
    try { chosen = localStorage.getItem('parlons.theme') || 'auto'; } catch (err) { /* not kept */ }
    chosen = { auto: 'light', light: 'dark', dark: 'auto' }[chosen] || 'auto';
    try { localStorage.setItem('parlons.theme', chosen); } catch (err) { /* not kept */ }
    const dark = chosen === 'dark' || (chosen === 'auto' && window.matchMedia('(prefers-color-scheme: dark)').matches);
    document.documentElement.setAttribute('data-bs-theme', dark ? 'dark' : 'light');
    themeLabel(button, chosen);
    document.dispatchEvent(new CustomEvent('parlons:theme'));
  });

  document.addEventListener('DOMContentLoaded', function () {
    const button = document.getElementById('theme-toggle');
    if (!button) { return; }
    let chosen = 'auto';
    try { chosen = localStorage.getItem('parlons.theme') || 'auto'; } catch (err) { /* not kept */ }
    themeLabel(button, chosen);
  });

  // Files with a reply: chosen, or pasted into the reply box (a screenshot); listed with a way to
  // take one back; one over 10 MB is left out at once, said in the page's language.
  const MAX_FILE = 10 * 1024 * 1024;
  function replyFiles() { return document.getElementById('reply-files'); }
  function setFiles(input, files) {
    const all = new DataTransfer();
    files.forEach(function (f) { all.items.add(f); });
    input.files = all.files;
    listFiles(input);
  }
  function listFiles(input) {
    const list = document.getElementById('reply-file-list');
    if (!list) { return; }
    list.textContent = '';
    const kept = [];
    Array.from(input.files).forEach(function (f) {
      const li = document.createElement('li');
      if (f.size > MAX_FILE) {
        li.className = 'text-danger-emphasis small';
        li.textContent = input.dataset.tooLarge.replace('{0}', f.name);
        list.appendChild(li);
        return;
      }
      kept.push(f);
      li.className = 'file-chip';
      li.appendChild(document.createTextNode(f.name + ' (' + Math.max(1, Math.round(f.size / 1024)) + ' KB) '));
      const remove = document.createElement('button');
      remove.type = 'button';
      remove.className = 'btn btn-link btn-sm p-0';
      remove.setAttribute('aria-label', input.dataset.remove.replace('{0}', f.name));
      remove.textContent = '×';
      remove.addEventListener('click', function () {
        setFiles(input, Array.from(input.files).filter(function (g) { return g !== f; }));
      });
      li.appendChild(remove);
      list.appendChild(li);
    });
    if (kept.length !== input.files.length) {
      const all = new DataTransfer();
      kept.forEach(function (f) { all.items.add(f); });
      input.files = all.files;
    }
  }
  document.addEventListener('change', function (e) {
    if (e.target && e.target.id === 'reply-files') { listFiles(e.target); }
  });
  document.addEventListener('paste', function (e) {
    const input = replyFiles();
    if (!input || !e.target || e.target.id !== 'reply-text' || !e.clipboardData) { return; }
    const pasted = Array.from(e.clipboardData.files || []);
    if (pasted.length === 0) { return; }
    e.preventDefault();
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    const named = pasted.map(function (f, i) {
      const ext = (f.type.split('/')[1] || 'bin').replace(/[^a-z0-9]/g, '');
      return f.name && f.name !== 'image.png' ? f : new File([f], 'capture-' + stamp + (i ? '-' + i : '') + '.' + ext, { type: f.type });
    });
    setFiles(input, Array.from(input.files).concat(named));
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

  document.addEventListener('htmx:afterSwap', function (e) {
    if (e.detail.target && e.detail.target.id === 'list') { afterList(); }
  });

  document.addEventListener('DOMContentLoaded', function () {
    connectLive(); scrollThread(); countdowns(); afterList(); settingsLabels(); keepFresh();
  });
})();
