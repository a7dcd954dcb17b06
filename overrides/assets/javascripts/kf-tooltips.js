/*
 * Tooltips of glossary terms (src/kf/core/glossary.py) and citation previews
 * (src/kf/core/citations.py), with the same markup:
 *
 *   <span class="kf-term">                       (citations: kf-ref, kf-ref__link, kf-ref__tip)
 *     <a class="kf-term__link" href="…/glossaire/#id" aria-describedby="kf-def-id">word</a>
 *     <span class="kf-term__tip" id="kf-def-id" role="tooltip" hidden>definition</span>
 *   </span>
 *
 * The definition shows on mouse hover, on keyboard focus and on a first tap; a second
 * tap follows the link (to the glossary, or to the reference list). It stays open while the pointer is over the
 * word or the definition; Escape, its close button (×, a 32 px target for a finger) or
 * a tap elsewhere closes it (WCAG 2.2, 1.4.13). Screen readers read the definition
 * through aria-describedby (the close button is beside the definition, not in it, so
 * that it is not read as part of it, and hidden from them: it is out of the
 * description and of the tab order; Escape is the keyboard's way), and without this
 * script the word is a plain link to its glossary entry.
 */
(function () {
  "use strict";

  var OPEN = "kf-tip--open";
  var WRAPPER = ".kf-term, .kf-ref";
  var LINK = ".kf-term__link, .kf-ref__link";
  var TIP = ".kf-term__tip, .kf-ref__tip";
  var CLOSE = "kf-tip__close";
  var script = document.currentScript;
  var closeLabel = (script && script.getAttribute("data-kf-close")) || "×";
  var GAP = 6; // px between the word and its definition
  var MARGIN = 8; // px kept free at the edges of the screen
  var open = [];
  var closing = null;
  var touch = null; // {term, wasOpen} of the last touch, until its click

  function termOf(node) {
    return node instanceof Element ? node.closest(WRAPPER) : null;
  }

  function parts(term) {
    return {
      link: term.querySelector(LINK),
      tip: term.querySelector(TIP),
      close: term.querySelector("." + CLOSE),
    };
  }

  function place(term) {
    var p = parts(term);
    var width = document.documentElement.clientWidth;
    var height = window.innerHeight;
    // A word broken over two lines: below its last line, or above its first.
    var rects = p.link.getClientRects();
    var whole = p.link.getBoundingClientRect();
    var first = rects.length ? rects[0] : whole;
    var last = rects.length ? rects[rects.length - 1] : whole;
    p.tip.style.maxWidth = Math.min(320, width - 2 * MARGIN) + "px";
    var box = p.tip.getBoundingClientRect();
    var word = last;
    var top = last.bottom + GAP;
    if (top + box.height > height - MARGIN && first.top - GAP - box.height >= MARGIN) {
      word = first; // no room below: above the word
      top = first.top - GAP - box.height;
    }
    var left = Math.max(MARGIN, Math.min(word.left, width - box.width - MARGIN));
    p.tip.style.left = left + "px";
    p.tip.style.top = top + "px";
    if (p.close) {  // over the definition's top right corner
      p.close.style.left = left + box.width - p.close.offsetWidth + "px";
      p.close.style.top = top + "px";
    }
  }

  function show(term) {
    cancelClose();
    open.slice().forEach(function (other) {
      if (other !== term) hide(other);
    });
    if (open.indexOf(term) >= 0) return;
    var tip = parts(term).tip;
    if (!tip) return;
    var close = term.querySelector("." + CLOSE);
    if (!close) {
      close = document.createElement("button");
      close.type = "button";
      close.className = CLOSE;
      close.tabIndex = -1;
      close.setAttribute("aria-hidden", "true");
      close.title = closeLabel;
      close.textContent = "×";
      term.appendChild(close);  // beside the definition: not part of what it describes
    }
    tip.hidden = false;
    close.hidden = false;
    term.classList.add(OPEN);
    place(term);
    open.push(term);
  }

  function hide(term) {
    var p = parts(term);
    if (p.tip) p.tip.hidden = true;
    if (p.close) p.close.hidden = true;
    term.classList.remove(OPEN);
    open = open.filter(function (other) {
      return other !== term;
    });
  }

  function hideAll() {
    cancelClose();
    open.slice().forEach(hide);
  }

  function cancelClose() {
    if (closing) window.clearTimeout(closing);
    closing = null;
  }

  // The pointer may cross the small gap between the word and its definition.
  function closeSoon(term) {
    cancelClose();
    closing = window.setTimeout(function () {
      closing = null;
      if (!term.contains(document.activeElement)) hide(term);
    }, 300);
  }

  document.addEventListener("pointerover", function (event) {
    var term = termOf(event.target);
    if (term && event.pointerType !== "touch") show(term);
  });

  document.addEventListener("pointerout", function (event) {
    var term = termOf(event.target);
    if (!term || event.pointerType === "touch") return;
    if (event.relatedTarget instanceof Node && term.contains(event.relatedTarget)) return;
    closeSoon(term);
  });

  document.addEventListener("focusin", function (event) {
    var term = termOf(event.target);
    if (term) show(term);
    else hideAll();
  });

  document.addEventListener("focusout", function (event) {
    var term = termOf(event.target);
    if (term && !term.matches(":hover")) hide(term);
  });

  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && open.length) hideAll();
  });

  // Touch: a first tap shows the definition, a second tap follows the link.
  document.addEventListener("pointerdown", function (event) {
    var term = termOf(event.target);
    if (event.target instanceof Element && event.target.closest("." + CLOSE)) event.preventDefault();  // no focus move
    if (event.pointerType === "touch") {
      touch = { term: term, wasOpen: term !== null && open.indexOf(term) >= 0 };
    }
    if (!term) hideAll();
  });

  document.addEventListener("click", function (event) {
    var last = touch;
    touch = null;
    var term = termOf(event.target);
    if (term && event.target.closest("." + CLOSE)) {
      event.preventDefault();
      hide(term);
      return;
    }
    if (!term || !last || last.term !== term) return;
    if (event.target.closest(LINK) && !last.wasOpen) {
      event.preventDefault();
      show(term);
    }
  });

  function replace() {
    open.forEach(place);
  }
  window.addEventListener("scroll", replace, { passive: true });
  window.addEventListener("resize", replace, { passive: true });
})();
