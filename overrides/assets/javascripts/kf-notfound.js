/*
 * 404 page: keep the text in the language of the missing path. A path under
 * <site root>/<code>/ is in that language; any other path is in the default
 * language (the first section of the page).
 */
(function () {
  "use strict";
  var box = document.querySelector(".kf-notfound");
  if (!box) return;
  var root = box.getAttribute("data-kf-site-root") || "/";
  var sections = Array.prototype.slice.call(box.querySelectorAll("[data-kf-lang]"));
  if (!sections.length) return;
  var rest = location.pathname.indexOf(root) === 0 ? location.pathname.slice(root.length) : "";
  var code = rest.split("/")[0];
  var keep = sections.filter(function (s) { return s.getAttribute("data-kf-lang") === code; })[0] || sections[0];
  sections.forEach(function (s) { if (s !== keep) s.hidden = true; });
  document.documentElement.lang = keep.getAttribute("data-kf-lang");
  document.title = keep.getAttribute("data-kf-title") + " - " + document.title.split(" - ").slice(1).join(" - ");
})();
