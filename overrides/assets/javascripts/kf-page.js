/*
 * Small aids on every page, plain JavaScript; without it each page works as plain HTML.
 *
 * - The language switch keeps the section the reader is on: both languages of a page
 *   have the same heading ids (kf parity checks it), so "…/page/#risks" switches to
 *   "…/en/page/#risks". A section the other page lacks only lands at its top.
 * - On phones (below 60em, 960 px), an article's reference list is folded: it was most
 *   of the page. It opens by itself when a link or a citation points into it, and
 *   every folded part of the page opens for printing.
 * - A link or a citation that points into a folded part of the page (the reference
 *   list, <details>) opens it first, so that what it points to is on screen.
 * - The button "Print a sheet for my appointment" (core/print_sheet.py) prints only the
 *   article's sheet (html.kf-print-sheet, kf.css), then the page is as it was.
 */
(function () {
  "use strict";

  function keepSection() {
    Array.prototype.forEach.call(document.querySelectorAll("a.kf-lang__link"), function (link) {
      var url = new URL(link.href, location.href);
      url.hash = location.hash;
      link.href = url.href;
    });
  }

  /** The element a #fragment names, or null (a malformed fragment names none). */
  function targetOf(hash) {
    var id;
    try {
      id = decodeURIComponent(hash.slice(1));
    } catch (error) {
      return null;
    }
    return id ? document.getElementById(id) : null;
  }

  /** Opens every <details> around the element the address's #fragment names. */
  function unfold(target) {
    target = target || targetOf(location.hash);
    if (!target) return;
    var opened = false;
    for (var node = target.parentElement; node; node = node.parentElement) {
      if (node.tagName === "DETAILS" && !node.open) {
        node.open = true;
        opened = true;
      }
    }
    if (opened) target.scrollIntoView();
  }

  function update() {
    keepSection();
    unfold();
  }

  if (!window.matchMedia("(min-width: 60em)").matches) {
    Array.prototype.forEach.call(document.querySelectorAll("details.kf-sources[open]"), function (details) {
      details.open = false;
    });
  }

  // A link to a part of this page that is folded (a citation tapped again after the
  // reference list was folded: the address does not change): open it first.
  document.addEventListener("click", function (event) {
    if (event.defaultPrevented) return;  // a first tap on a citation shows its preview only
    var link = event.target instanceof Element && event.target.closest('a[href^="#"]');
    if (link) unfold(targetOf(link.getAttribute("href")));
  });

  // Printing: everything folded is opened, then folded again; the sheet's button asks
  // for the sheet alone (html.kf-print-sheet) for this one printing.
  var folded = [];
  var sheet = false;
  function endPrint() {
    folded.forEach(function (details) { details.open = false; });
    folded = [];
    sheet = false;
    document.documentElement.classList.remove("kf-print-sheet");
  }
  window.addEventListener("beforeprint", function () {
    if (sheet) document.documentElement.classList.add("kf-print-sheet");
    folded = Array.prototype.filter.call(document.querySelectorAll("details:not([open])"), function (details) {
      details.open = true;
      return true;
    });
  });
  window.addEventListener("afterprint", endPrint);

  Array.prototype.forEach.call(document.querySelectorAll("[data-kf-print]"), function (button) {
    button.parentElement.hidden = false;
    button.addEventListener("click", function () {
      sheet = true;
      document.documentElement.classList.add("kf-print-sheet");  // browsers that fire no beforeprint
      window.print();
    });
  });
  // Where print() does not wait for the printing (some phones) and afterprint never
  // comes: the page is as it was once the reader is back on it.
  window.addEventListener("focus", function () {
    if (sheet) setTimeout(function () { if (!window.matchMedia("print").matches) endPrint(); }, 1000);
  });

  window.addEventListener("hashchange", update);
  update();
})();
