// Runs right after the Paged.js polyfill: restores the reader's scroll position as soon
// as enough pages are laid out, instead of after the last page, so an edit shows early.
(function () {
  'use strict';
  if (!window.Paged || !window.Paged.Handler) return;
  var target = Number(sessionStorage.getItem('contextkaart-preview-scroll') || 0);
  var restored = target === 0;
  class RestoreScroll extends window.Paged.Handler {
    afterPageLayout() {
      if (restored) return;
      if (document.documentElement.scrollHeight >= target + window.innerHeight) {
        window.scrollTo(0, target);
        restored = true;
      }
    }
  }
  window.Paged.registerHandlers(RestoreScroll);
})();
