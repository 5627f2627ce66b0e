// Colour theme before the first paint: the reader's choice (light, dark) or the system's (auto).
(function () {
  'use strict';
  var chosen = null;
  try { chosen = localStorage.getItem('parlons.theme'); } catch (e) { /* private mode: follow the system */ }
  var dark = chosen === 'dark' || (chosen !== 'light' && window.matchMedia('(prefers-color-scheme: dark)').matches);
  document.documentElement.setAttribute('data-bs-theme', dark ? 'dark' : 'light');
})();
