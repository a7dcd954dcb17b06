/*
 * 404 page: keep the text in the language of the missing path. A path under
 * <site root>/<code>/ is in that language; any other path is in the default
 * language (the first section of the page). Runs before the search script, which
 * then searches in that language (the page's <html lang>).
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
  var lang = keep.getAttribute("data-kf-lang");
  var siteName = keep.getAttribute("data-kf-site-name");
  sections.forEach(function (s) { if (s !== keep) s.hidden = true; });
  document.documentElement.lang = lang;
  document.title = keep.getAttribute("data-kf-title") + " - " + siteName;
  if (keep === sections[0]) return;

  // Header: site name and search placeholder.
  Array.prototype.forEach.call(
    document.querySelectorAll(".md-header__topic:first-child .md-ellipsis"),
    function (el) { el.textContent = siteName; }
  );
  var input = document.querySelector("input.md-search__input");
  if (input) {
    input.placeholder = keep.getAttribute("data-kf-search-placeholder");
    input.setAttribute("aria-label", input.placeholder);
  }
})();
