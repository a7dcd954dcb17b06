/*
 * Material's "alternate" integration requests <href>/sitemap.xml for every
 * <link rel="alternate"> of the page, i.e. for each of our hreflang links, to
 * rewrite clicks in its own language menu. We do not use that menu (our language
 * link already points to the right page), so those requests are ended here before
 * they reach the network: no wasted requests, no 404s in the console.
 * Loaded before Material's bundle (overrides/main.html).
 */
(function () {
  "use strict";
  var unused = Array.prototype.map.call(
    document.querySelectorAll('link[rel="alternate"][hreflang]'),
    function (link) { return new URL("sitemap.xml", link.href).href; }
  );
  if (!unused.length || !window.XMLHttpRequest) return;
  var proto = XMLHttpRequest.prototype;
  var open = proto.open;
  var send = proto.send;
  proto.open = function (method, url) {
    var absolute = "";
    try { absolute = new URL(String(url), location.href).href; } catch (e) { /* keep "" */ }
    this.kfUnused = unused.indexOf(absolute) !== -1;
    return open.apply(this, arguments);
  };
  proto.send = function () {
    if (!this.kfUnused) return send.apply(this, arguments);
    var request = this;
    // Material treats an aborted request as "no sitemap", which is what we want.
    setTimeout(function () { request.dispatchEvent(new ProgressEvent("abort")); }, 0);
  };
})();
