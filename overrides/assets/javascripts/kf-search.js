/*
 * Site search (README "Search"): Material's search dialog, run by this script on the
 * site's own index (src/kf/core/search_index.py), plain JavaScript.
 *
 * Nothing is fetched until the reader opens search (focus on the search box, the
 * search button, the keys / s f, or an address with ?q=). Then <site>/search/<lang>/
 * terms.json of the page's language (<html lang>) loads: what parts of the index exist,
 * and what this script uses to read a patient's query:
 *   - words that say nothing about a page are left out ("est-ce que", "how", "the");
 *   - a misspelt word of 5 letters or more (one edit, two from 9 letters) is also
 *     searched as the site's word it is closest to ("fibromialgie");
 *   - a glossary word or phrase is also searched as its other forms (data/glossary.yml
 *     `variants`: "algodystrophie" -> "syndrome douloureux régional complexe", "SDRC"),
 *     except those that cannot find more than the word typed ("syndrome
 *     fibromyalgique" for "fibromyalgie");
 *   - a word of one or two letters typed alone is not searched.
 * Each word searched fetches one small part of the index (the words that begin with
 * its first letters), once; while the reader types, the parts of the words typed
 * so far are fetched already (preload). A word finds its family (the build gave every
 * word its stem: "dépendance", "dépendant"), and the longer words it begins; pages are
 * ranked by BM25 (headings weigh more than the text, rare words more than common ones).
 * The results' titles and snippets come from one small file per page shown.
 *
 * Keyboard, as in Material's own search: / s f open search; Escape or Tab close it;
 * the arrow keys move between the box and the results; Enter opens the first result.
 */
(function () {
  "use strict";
  var script = document.currentScript;
  var dialog = document.querySelector("[data-kf-search]");
  var toggle = document.getElementById("__search");
  if (!script || !dialog || !toggle) return;
  var base = new URL(script.getAttribute("data-kf-search"), location.href).href;  // <site>/search/
  var site = new URL("..", base).href;
  var input = dialog.querySelector("input.md-search__input");
  var meta = dialog.querySelector(".md-search-result__meta");
  var list = dialog.querySelector(".md-search-result__list");
  var BATCH = 6;  // results fetched at a time (each fetches its page's text, 1 to 30 KB): a screenful
  var SNIPPET = 24;  // words in a result's snippet
  var scroller = dialog.querySelector(".md-search__scrollwrap");
  var pending = null;  // shows the next batch of the current results, if any
  var loading = null;
  var ready = false;  // the terms are loaded
  var current = 0;
  var timer = 0;

  // ------------------------------------------------------------------ query

  /** Lower case, without accents, œ and æ as oe and ae (core/search_index.py, fold). */
  function fold(text) {
    return text.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase()
      .replace(/œ/g, "oe").replace(/æ/g, "ae");
  }

  /** The words of a text, folded. A single letter joined by a hyphen is part of the
      word after it ("S-kétamine" is "sketamine"), as the index has it. */
  function tokens(text) {
    return fold(text).replace(/(?<![\p{L}\p{N}])(\p{L})-(?=\p{L})/gu, "$1").match(/[\p{L}\p{N}]+/gu) || [];
  }

  /** Edit distance (insertions, deletions, substitutions, swaps of neighbours), or
      max + 1 when it is over max. */
  function distance(a, b, max) {
    if (Math.abs(a.length - b.length) > max) return max + 1;
    var prev2 = null, prev = [], row, i, j;
    for (j = 0; j <= b.length; j++) prev.push(j);
    for (i = 1; i <= a.length; i++) {
      row = [i];
      var best = i;
      for (j = 1; j <= b.length; j++) {
        var cost = a[i - 1] === b[j - 1] ? 0 : 1;
        var d = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + cost);
        if (prev2 && i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, prev2[j - 2] + 1);
        row.push(d);
        if (d < best) best = d;
      }
      if (best > max) return max + 1;
      prev2 = prev;
      prev = row;
    }
    return prev[b.length];
  }

  function prepare(data) {
    var terms = { words: new Set(), list: [], stop: new Set(), groups: [], messages: {} };
    if (!data) return terms;
    terms.list = data.words || [];
    terms.words = new Set(terms.list);
    terms.stop = new Set(data.stop || []);
    terms.messages = data.messages || {};
    terms.groups = (data.groups || []).map(function (forms) {
      return forms.map(function (form) {  // words as the index has them ("S-kétamine": "sketamine")
        return form.split(" ").filter(function (w) { return !terms.stop.has(w); });
      }).filter(function (form) { return form.length; });
    });
    return terms;
  }

  function corrections(word, terms, known) {
    if (word.length < 5 || terms.words.has(word) || known.has(word)) return [];
    var max = word.length >= 9 ? 2 : 1;
    var best = max + 1, found = [];
    terms.list.forEach(function (candidate) {
      var d = distance(word, candidate, max);
      if (d < best) { best = d; found = [candidate]; }
      else if (d === best && d <= max) found.push(candidate);
    });
    return best <= max ? found.slice(0, 2) : [];
  }

  /** The words of a query that are searched: without the stop words (unless there is
      nothing else). */
  function keptWords(query, terms) {
    var all = tokens(query);
    var kept = all.filter(function (w) { return !terms.stop.has(w); });
    return kept.length ? kept : all;
  }

  /** What the reader typed, as slots: each slot is one thing the reader asks for,
      with the texts that can stand for it (the word, its corrections, or every form
      of the glossary word it is). */
  function slots(kept, terms, known) {
    var fixes = kept.map(function (w) { return corrections(w, terms, known); });
    var corrected = kept.map(function (w, i) { return fixes[i].length ? fixes[i][0] : w; });
    var covered = kept.map(function () { return null; });
    var out = [];
    terms.groups.forEach(function (forms) {
      forms.forEach(function (form) {
        [kept, corrected].forEach(function (sequence) {
          var at = find(sequence, form);
          if (at < 0) return;
          var slot = covered[at];
          if (!slot) { slot = []; out.push(slot); }
          for (var k = at; k < at + form.length; k++) covered[k] = slot;
          forms.forEach(function (f) { slot.push(f.join(" ")); });
        });
      });
    });
    kept.forEach(function (w, i) {
      if (covered[i]) { covered[i].push(w); return; }
      out.push([w].concat(fixes[i]));
    });
    // The index knows word families: "effets indésirables" is the search "effet indésirable" is.
    // A word of one or two letters that the reader typed is not searched on its own:
    // it would find every word it begins ("d" while "douleur" is
    // being typed); as a glossary form it is searched as its other forms ("PR":
    // "polyarthrite rhumatoïde").
    var short = new Set(kept.filter(function (w) { return /^\p{L}{1,2}$/u.test(w); }));
    return out.map(function (slot) {
      var seen = new Set();
      return covering(slot.filter(function (text) {
        var key = text.split(" ").map(function (w) { return w.length > 4 ? w.replace(/[sx]$/, "") : w; }).join(" ");
        if (seen.has(key) || short.has(text)) return false;
        seen.add(key);
        return true;
      }));
    }).filter(function (slot) { return slot.length; });
  }

  /** The texts of a slot without those that cannot find more than another one: a
      search needs all its words, so "syndrome fibromyalgique" finds only pages that
      "fibromyalgie" finds already (same family). Each text left out is index data
      the browser does not fetch. */
  function covering(slot) {
    var split = slot.map(function (text) { return text.split(" "); });
    return slot.filter(function (text, i) {
      return !split.some(function (other, j) {
        return j !== i && other.length < split[i].length && other.every(function (w) {
          return split[i].some(function (v) { return kin(w, v); });
        });
      });
    });
  }

  /** Two words of one family: equal, or long and alike but for their ending
      ("dépendant" and "dépendance", "addicted" and "addiction"). */
  function kin(a, b) {
    if (a === b) return true;
    var shorter = Math.min(a.length, b.length);
    if (shorter < 6 || Math.abs(a.length - b.length) > 3) return false;
    var n = 0;
    while (n < shorter && a[n] === b[n]) n++;
    return n >= Math.max(6, shorter - 3);
  }

  function find(sequence, phrase) {
    for (var i = 0; i + phrase.length <= sequence.length; i++) {
      var j = 0;
      while (j < phrase.length && kin(sequence[i + j], phrase[j])) j++;
      if (j === phrase.length) return i;
    }
    return -1;
  }

  /** Pages for the slots: ranked by the sum of each slot's best score (per word, for a
      phrase). Each text is one search of the index (its words all required). */
  function rank(index, groups) {
    var texts = Array.from(new Set([].concat.apply([], groups)));
    return Promise.all(texts.map(function (text) { return index.search(text); })).then(function (searches) {
      var byText = new Map();
      var marks = new Set();  // the words found, shown in bold in the snippets
      texts.forEach(function (text, i) {
        byText.set(text, searches[i].results);
        searches[i].words.forEach(function (w) { marks.add(w); });
      });
      var pages = new Map();
      groups.forEach(function (slot, s) {
        slot.forEach(function (text) {
          var words = text.split(" ").length;
          byText.get(text).forEach(function (result) {
            var score = result.score / words;  // a phrase counts as much as a word
            var page = pages.get(result.id);
            if (!page) { page = { id: result.id, slots: new Map() }; pages.set(result.id, page); }
            if ((page.slots.get(s) || 0) < score) page.slots.set(s, score);
          });
        });
      });
      return Array.from(pages.values()).map(function (page) {
        var sum = 0;
        page.slots.forEach(function (v) { sum += v; });
        return { id: page.id, score: sum, data: function () { return index.page(page.id, marks); } };
      }).sort(function (a, b) { return b.score - a.score || a.id - b.id; });
    });
  }

  // ------------------------------------------------------------------ the index

  /** A part's file name (core/search_index.py, shard_file). */
  function fileOf(key) {
    if (/^[a-z0-9]+$/.test(key)) return key;
    return "x" + Array.from(new TextEncoder().encode(key), function (b) {
      return (b < 16 ? "0" : "") + b.toString(16);
    }).join("");
  }

  function getJSON(url) {
    return fetch(url).then(function (response) { return response.ok ? response.json() : null; })
      .catch(function () { return null; });
  }

  /** The index of one language (<site>/search/<lang>/, core/search_index.py): its parts
      and pages are fetched when a query needs them, once. */
  function Index(folder, manifest) {
    var keys = new Set(manifest.keys || []);
    var count = manifest.docs || 0;
    var parts = new Map();
    var pages = new Map();

    /** The part a word is in: Map word -> { stem, postings: [[page, score], ...] }. */
    function part(word) {
      // the longest of its first three, two or one letters that is a part
      // (core/search_index.py, part_key)
      var key = word.slice(0, 1);
      if (word.length >= 3 && keys.has(word.slice(0, 3))) key = word.slice(0, 3);
      else if (word.length >= 2 && keys.has(word.slice(0, 2))) key = word.slice(0, 2);
      if (!keys.has(key)) return Promise.resolve(new Map());
      if (!parts.has(key)) {
        parts.set(key, getJSON(folder + "index/" + fileOf(key) + ".json").then(function (data) {
          if (!data) parts.delete(key);  // not fetched (network): tried again next time
          var out = new Map();
          Object.keys(data || {}).forEach(function (w) {
            var flat = data[w], postings = [], page = 0;
            for (var i = 1; i + 1 < flat.length; i += 2) {
              page += flat[i];
              postings.push([page, flat[i + 1]]);
            }
            out.set(w, { stem: flat[0], postings: postings });
          });
          return out;
        }));
      }
      return parts.get(key);
    }

    /** The pages with a word, and their scores: the word's family (same stem; a word
        the site does not have: the families of the site's words of its family, kin),
        and, from 3 letters, the longer words it begins (counted less, the more letters
        they add: "fibro" finds "fibromyalgie"). Rare words count more (BM25). */
    function match(word) {
      return part(word).then(function (entries) {
        var families = new Set();
        var own = entries.get(word);
        if (own) families.add(own.stem);
        else entries.forEach(function (e, w) { if (kin(word, w)) families.add(e.stem); });
        var found = new Map();
        entries.forEach(function (e, w) {
          if (families.has(e.stem)) found.set(w, 1);
          else if (word.length >= 3 && w.length > word.length && w.lastIndexOf(word, 0) === 0) {
            found.set(w, word.length / w.length);
          }
        });
        var scores = new Map();
        found.forEach(function (factor, w) {
          entries.get(w).postings.forEach(function (posting) {
            var v = posting[1] * factor;
            if (v > (scores.get(posting[0]) || 0)) scores.set(posting[0], v);
          });
        });
        var rarity = Math.log(1 + (count - scores.size + 0.5) / (scores.size + 0.5));
        scores.forEach(function (v, page) { scores.set(page, v * rarity); });
        return { scores: scores, words: Array.from(found.keys()) };
      });
    }

    return {
      preload: function (word) { part(word); },
      /** Whether the site has this very word (then it is no typo). */
      has: function (word) {
        return part(word).then(function (entries) { return entries.has(word); });
      },
      /** Pages that have every word of a text: { results: [{ id, score }], words }. */
      search: function (text) {
        var words = text.split(" ").filter(Boolean);
        if (!words.length) return Promise.resolve({ results: [], words: [] });
        return Promise.all(words.map(match)).then(function (found) {
          var results = [];
          found[0].scores.forEach(function (score, id) {
            for (var i = 1; i < found.length; i++) {
              var more = found[i].scores.get(id);
              if (more === undefined) return;
              score += more;
            }
            results.push({ id: id, score: score });
          });
          return { results: results, words: [].concat.apply([], found.map(function (f) { return f.words; })) };
        });
      },
      /** A result's address, title and snippet (its words found marked). */
      page: function (id, marks) {
        if (!pages.has(id)) pages.set(id, getJSON(folder + "pages/" + id + ".json"));
        return pages.get(id).then(function (data) {
          if (!data) { pages.delete(id); return null; }  // not fetched: the result is left out
          return { url: new URL(data.url, site).href, title: data.title, snippet: snippet(data.text, marks, data.title) };
        });
      }
    };
  }

  function load() {
    if (!loading) {
      var lang = (document.documentElement.lang || "").toLowerCase().split("-")[0];
      var folder = base + lang + "/";
      loading = getJSON(folder + "terms.json").then(function (data) {
        if (!data) loading = null;  // not fetched (network): tried again at the next search
        ready = true;
        setTimeout(preload, 0);  // what was typed while the terms loaded
        return { index: Index(folder, (data && data.index) || {}), terms: prepare(data) };
      });
    }
    return loading;
  }

  function message(terms, key, count) {
    var text = terms.messages[key] || "";
    return text.replace("#", String(count));
  }

  /** A snippet of a page's text: SNIPPET words around the words found (the stretch with
      the most different words of the query that the result's title does not show, then
      the most different words, then the most of them: for "kétamine foie", under the
      title « Qu’est-ce que la kétamine ? », where « foie » is, not where « kétamine » is
      most often), those in <mark>, built as text nodes (nothing in the text is read as
      HTML). A word is read as the index reads it ("S-kétamine" is one word). */
  function snippet(text, marks, title) {
    var shown = new Set(tokens(title || ""));
    var p = document.createElement("p");
    var re = /(?:(?<![\p{L}\p{N}\p{M}])\p{L}\p{M}*-(?=\p{L}))*[\p{L}\p{N}][\p{L}\p{N}\p{M}]*/gu, m, spans = [];
    while ((m = re.exec(text))) {
      var key = fold(m[0]).replace(/-/g, "");
      spans.push([m.index, m.index + m[0].length, marks.has(key) ? key : null]);
    }
    if (!spans.length) return p;
    var best = [-1, -1, -1], first = 0, inside = 0, fresh = 0, i;
    var kinds = new Map();  // word found -> how many times in the stretch
    function add(word, step) {
      var n = (kinds.get(word) || 0) + step;
      if (n === 0) kinds.delete(word); else kinds.set(word, n);
      if (!shown.has(word) && (n === 0 || (n === 1 && step > 0))) fresh += step;
      inside += step;
    }
    for (i = 0; i < spans.length; i++) {
      if (spans[i][2]) add(spans[i][2], 1);
      if (i >= SNIPPET && spans[i - SNIPPET][2]) add(spans[i - SNIPPET][2], -1);
      var score = [fresh, kinds.size, inside];
      if (inside && (score[0] > best[0] || (score[0] === best[0] && (score[1] > best[1] ||
          (score[1] === best[1] && score[2] > best[2]))))) {
        best = score;
        for (first = Math.max(0, i - SNIPPET + 1); !spans[first][2]; first++);
      }
    }
    // the first word found of that stretch, with a few words before it for context
    var at = Math.max(0, first - 6);
    var end = Math.min(spans.length, at + SNIPPET);
    at = Math.max(0, end - SNIPPET);
    var from = spans[at][0];
    if (at > 0) p.appendChild(document.createTextNode("… "));
    for (i = at; i < end; i++) {
      if (!spans[i][2]) continue;
      p.appendChild(document.createTextNode(text.slice(from, spans[i][0])));
      var mark = document.createElement("mark");
      mark.textContent = text.slice(spans[i][0], spans[i][1]);
      p.appendChild(mark);
      from = spans[i][1];
    }
    p.appendChild(document.createTextNode(text.slice(from, spans[end - 1][1]) + (end < spans.length ? " …" : "")));
    return p;
  }

  function item(data) {
    var li = document.createElement("li");
    li.className = "md-search-result__item";
    var a = document.createElement("a");
    a.className = "md-search-result__link";
    a.href = data.url;
    a.tabIndex = -1;
    var article = document.createElement("article");
    article.className = "md-search-result__article md-typeset";
    var icon = document.createElement("div");
    icon.className = "md-search-result__icon md-icon";
    var title = document.createElement("h1");
    title.textContent = data.title || data.url;
    article.appendChild(icon);
    article.appendChild(title);
    article.appendChild(data.snippet);
    a.appendChild(article);
    li.appendChild(a);
    return li;
  }

  /** Shows the next BATCH results (each one's text is fetched now); the next ones
      come when the reader scrolls to the end of the list, or at once if the list does
      not fill the dialog. */
  function more(ranked, from, ticket, fresh) {
    pending = null;
    var batch = ranked.slice(from, from + BATCH);
    return Promise.all(batch.map(function (r) { return r.data(); })).then(function (pages) {
      if (ticket !== current) return;
      var items = pages.filter(Boolean).map(item);
      if (fresh) list.replaceChildren.apply(list, items);
      else items.forEach(function (li) { list.appendChild(li); });
      var next = from + BATCH;
      if (next >= ranked.length) return;
      pending = function () { return more(ranked, next, ticket, false); };
      if (toggle.checked && scroller.scrollHeight <= scroller.clientHeight) pending();
    });
  }

  function show(query) {
    var ticket = ++current;
    pending = null;
    load().then(function (state) {
      if (ticket !== current) return null;
      // a word the site has is no typo, though no title or heading has it ("affect")
      var kept = keptWords(query, state.terms);
      var doubtful = kept.filter(function (w) {
        return w.length >= 5 && !state.terms.words.has(w);
      });
      return Promise.all(doubtful.map(function (w) { return state.index.has(w); })).then(function (found) {
        if (ticket !== current) return null;
        var known = new Set(doubtful.filter(function (w, i) { return found[i]; }));
        var asked = slots(kept, state.terms, known);
        if (!asked.length) {  // nothing typed yet, or only a letter or two
          list.replaceChildren();
          list.removeAttribute("data-kf-query");
          meta.textContent = message(state.terms, "start");
          return null;
        }
        return rank(state.index, asked);
      }).then(function (ranked) {
        if (!ranked) return null;
        if (ticket !== current) return null;
        var n = ranked.length;
        return more(ranked, 0, ticket, true).then(function () {
          if (ticket !== current) return;
          meta.textContent = message(state.terms, n === 0 ? "none" : n === 1 ? "one" : "other", n);
          list.setAttribute("data-kf-query", query);  // what the results shown answer
        });
      });
    }).catch(function (error) {
      if (window.console) console.error("search:", error);
    });
  }

  // ------------------------------------------------------------------ the dialog

  function setOpen(open) {
    if (toggle.checked === open) return;
    toggle.checked = open;
    toggle.dispatchEvent(new Event("change"));
  }

  /** While the reader types, the parts of the index that the words typed so far need
      (3 letters or more) are fetched, so that the search has them when the typing stops. */
  function preload() {
    if (!ready) return;
    loading.then(function (state) {
      tokens(input.value).forEach(function (w) {
        if (w.length >= 3 && !state.terms.stop.has(w)) state.index.preload(w);
      });
    });
  }

  /** A search 60 ms after the last key, so as not to search every prefix; but while
      the terms are still loading, at once: only the last query is searched once it is
      ready (show's ticket), and waiting would only add to the reader's wait. */
  function schedule() {
    clearTimeout(timer);
    if (!ready) { show(input.value); return; }
    current++;  // a search still running for an earlier prefix must not show its results now
    timer = setTimeout(function () { show(input.value); }, 60);
  }

  input.addEventListener("focus", function () {
    setOpen(true);
    show(input.value);
  });
  input.addEventListener("input", function () { schedule(); preload(); });
  scroller.addEventListener("scroll", function () {
    if (pending && scroller.scrollTop + scroller.clientHeight >= scroller.scrollHeight - 80) pending();
  }, { passive: true });
  input.form.addEventListener("submit", function (event) { event.preventDefault(); });
  input.form.addEventListener("reset", function () {
    setTimeout(function () { input.focus(); show(""); }, 0);
  });
  dialog.addEventListener("click", function (event) {
    if (event.target instanceof Element && event.target.closest("a")) setOpen(false);
  });
  // The header's search button (below 960 px: phones, tablets, a zoomed window) opens
  // search and brings up the keyboard at once. The label's own action would toggle the
  // checkbox that the focus has just checked, closing the dialog in the same instant
  // with the box still focused, hidden: the button does the opening itself. The
  // dialog's own labels (back arrow, overlay) keep the label's action: they close it.
  Array.prototype.forEach.call(document.querySelectorAll('label.md-header__button[for="__search"]'), function (label) {
    label.addEventListener("click", function (event) {
      event.preventDefault();
      setOpen(true);
      input.focus();
    });
  });
  toggle.addEventListener("change", function () {
    if (toggle.checked) return;
    var url = new URL(location.href);
    if (url.searchParams.has("q")) {
      url.searchParams.delete("q");
      history.replaceState(history.state, "", url.href);
    }
  });

  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    var active = document.activeElement;
    if (toggle.checked) {
      var links = Array.prototype.slice.call(list.querySelectorAll("a[href]"));
      switch (event.key) {
        case "Enter":
          if (active === input) {
            event.preventDefault();
            if (links.length) links[0].click();
          }
          break;
        case "Escape":
        case "Tab":
          setOpen(false);
          input.blur();
          break;
        case "ArrowUp":
        case "ArrowDown":
          var stops = [input].concat(links);
          var i = Math.max(0, stops.indexOf(active));
          stops[(i + stops.length + (event.key === "ArrowUp" ? -1 : 1)) % stops.length].focus();
          event.preventDefault();
          break;
        default:
          if (active !== input && event.key.length === 1) input.focus();
      }
      return;
    }
    var editing = active instanceof Element && active.closest("input, textarea, select, [contenteditable]");
    if (!editing && (event.key === "/" || event.key === "s" || event.key === "f")) {
      event.preventDefault();
      input.focus();
      input.select();
    }
  });

  // An address with ?q= opens search with that query (the 404 page's search form).
  var asked = new URL(location.href).searchParams.get("q");
  if (asked) {
    input.value = asked;
    setOpen(true);
    show(asked);
    if (document.readyState === "complete") input.focus();
    else window.addEventListener("load", function () { input.focus(); });
  }
})();
