/*
 * The search index is fetched only when the reader opens search, not with every page:
 * most readers never search, and the index grows with the site. Material's bundle asks
 * for <language root>/search/search_index.json as soon as the page loads; this script,
 * loaded before the bundle, holds that request back until the reader focuses the search
 * box, clicks the search button, or presses a search shortcut (/, s, f), or the address
 * asks for a search (?q=). Material then receives the index as usual.
 */
(function () {
  "use strict";
  if (!window.XMLHttpRequest) return;
  var proto = XMLHttpRequest.prototype;
  var open = proto.open;
  var send = proto.send;
  var waiting = [];
  var active = /[?&]q=/.test(location.search);

  function activate() {
    if (active) return;
    active = true;
    waiting.splice(0).forEach(function (item) { send.apply(item.request, item.args); });
  }

  proto.open = function (method, url) {
    this.kfSearchIndex = /\/search\/search_index\.json(\?|$)/.test(String(url));
    return open.apply(this, arguments);
  };
  proto.send = function () {
    if (!this.kfSearchIndex || active) return send.apply(this, arguments);
    waiting.push({ request: this, args: arguments });
  };

  document.addEventListener("focusin", function (event) {
    if (event.target instanceof Element && event.target.matches(".md-search__input")) activate();
  });
  document.addEventListener("click", function (event) {
    if (event.target instanceof Element && event.target.closest('label[for="__search"], .md-search')) activate();
  });
  document.addEventListener("change", function (event) {
    if (event.target instanceof Element && event.target.id === "__search") activate();
  });
  document.addEventListener("keydown", function (event) {
    var target = event.target;
    var editing = target instanceof Element && target.closest("input, textarea, select, [contenteditable]");
    if (!editing && (event.key === "/" || event.key === "s" || event.key === "f")) activate();
  });
})();
