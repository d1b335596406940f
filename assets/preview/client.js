// Preview client: paginates with Paged.js (loaded before this file), fills the page
// numbers of the contents, keeps the scroll position across reloads, and reloads
// when the server says the report changed.
(function () {
  'use strict';
  var KEY = 'contextkaart-preview-scroll';
  var started = performance.now();

  function bar(state) {
    var el = document.getElementById('preview-bar');
    if (!el) {
      el = document.createElement('div');
      el.id = 'preview-bar';
      document.body.appendChild(el);
    }
    el.textContent = '';
    var title = document.createElement('strong');
    title.textContent = 'Contextkaart – voorbeeld';
    var pdf = document.createElement('a');
    pdf.href = '/contextkaart.pdf';
    pdf.textContent = 'PDF downloaden';
    var status = document.createElement('span');
    status.className = 'status';
    status.textContent = state.renderedAt ? 'bijgewerkt ' + new Date(state.renderedAt).toLocaleTimeString('nl-NL') : '';
    el.appendChild(title);
    el.appendChild(pdf);
    el.appendChild(status);
    var err = document.getElementById('preview-error');
    if (state.error) {
      if (!err) {
        err = document.createElement('div');
        err.id = 'preview-error';
        document.body.appendChild(err);
      }
      err.textContent = state.error + '\n\n(Hieronder staat de laatste versie die wel lukte.)';
    } else if (err) err.remove();
  }

  function fillPageNumbers() {
    var refs = document.querySelectorAll('.toc-page[data-anchor], .page-ref[data-anchor]');
    for (var i = 0; i < refs.length; i++) {
      var target = document.getElementById(refs[i].getAttribute('data-anchor'));
      var page = target && target.closest('.pagedjs_page');
      if (page) refs[i].textContent = page.getAttribute('data-page-number');
    }
  }

  function state() {
    return fetch('/_preview/state').then(function (r) { return r.json(); });
  }

  window.PagedConfig = {
    auto: true,
    after: function () {
      window.__PREVIEW_TIMING__ = { scriptStart: started, paginated: performance.now() };
      fillPageNumbers();
      var y = Number(sessionStorage.getItem(KEY) || 0);
      if (Math.abs(window.scrollY - y) > 2) window.scrollTo(0, y);
      window.__PREVIEW_READY__ = true;
      state().then(function (s) {
        bar(s);
        window.__PREVIEW_VERSION__ = s.version;
      });
    },
  };

  var events = new EventSource('/_preview/events');
  events.addEventListener('reload', function () {
    sessionStorage.setItem(KEY, String(window.scrollY));
    location.reload();
  });
  events.addEventListener('error-state', function () {
    state().then(bar);
  });
})();
