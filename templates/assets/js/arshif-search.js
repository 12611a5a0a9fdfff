/* Arshif search: the browser twin of builder/arabic/normalize.py (fold, stem, joined) and of
   builder/arabic/terms.py (the classed keys), and the
   client of the static index that builder/search_index.py writes under search/.
   The twins are tested against the Python functions on one table (tests/test_search.py).
   Article text is only ever inserted as text nodes: nothing from the index becomes markup. */
(function () {
  "use strict";

  // ------------------------------------------------------------------ the normaliser twin
  var DELETE = /[\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06DC\u06DF-\u06E8\u06EA-\u06ED\u0640\u200B-\u200F\u061C\uFEFF\u202A-\u202E\u2066-\u2069]/g;
  var MAP = {
    "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ٲ": "ا", "ٳ": "ا",
    "ى": "ي", "ی": "ي", "ئ": "ي", "ة": "ه", "ۀ": "ه", "ھ": "ه", "ؤ": "و", "ک": "ك",
    "،": " ", "؛": " ", "؟": " ", "٪": "%", "٫": ".", "٬": ","
  };
  for (var d = 0; d < 10; d++) {
    MAP[String.fromCharCode(0x0660 + d)] = String(d);
    MAP[String.fromCharCode(0x06F0 + d)] = String(d);
  }
  var MAPPED = new RegExp("[" + Object.keys(MAP).join("") + "A-Z]", "g");
  var PRESENTATION = /[\uFB50-\uFDFF\uFE70-\uFEFC]/g;

  function fold(text) {
    return text
      .replace(PRESENTATION, function (c) { return c.normalize("NFKC"); })
      .replace(DELETE, "")
      .replace(MAPPED, function (c) { return MAP[c] !== undefined ? MAP[c] : c.toLowerCase(); });
  }

  var WORD = /[\p{L}\p{N}]+/gu;
  function words(text) { return fold(text).match(WORD) || []; }
  /* For each word of text, whether its last letter is written ة (Folded.marbuta's twin): ة is
     kept apart as ۃ, a letter fold leaves alone, for the time of the look. */
  function marbuta(text) {
    var kept = text.replace(PRESENTATION, function (c) { return c.normalize("NFKC"); }).replace(/ة/g, "\u06C3");
    return (fold(kept).match(WORD) || []).map(function (w) { return w.slice(-1) === "\u06C3"; });
  }

  var ARTICLE_PREFIXES = ["وبال", "وكال", "ولل", "فبال", "فكال", "فلل", "وال", "فال", "بال", "كال", "لل", "ال"];
  var SINGLE_PREFIXES = ["وف", "بلك"];  // a conjunction, then a preposition
  function stem(word) {
    var i, p;
    for (i = 0; i < ARTICLE_PREFIXES.length; i++) {
      p = ARTICLE_PREFIXES[i];
      if (word.indexOf(p) === 0 && word.length - p.length >= 3 - (p === "لل" ? 1 : 0)) return word.slice(p.length);
    }
    for (i = 0; i < SINGLE_PREFIXES.length; i++) {
      if (word.length && SINGLE_PREFIXES[i].indexOf(word[0]) >= 0 && word.length - 1 >= 4) word = word.slice(1);
    }
    return word;
  }
  /* Where two words are one name written apart (عبد الله = عبدالله, أبو ظبي = أبوظبي): normalize.joined's twin. */
  var JOINED = [["عبد", "ال"], ["ابو", ""]];
  function joined(ws) {
    var out = [];
    for (var i = 0; i + 1 < ws.length; i++) {
      JOINED.forEach(function (pair) {
        var word = ws[i], after = ws[i + 1];
        if (word.slice(-pair[0].length) === pair[0] && after.indexOf(pair[1]) === 0 &&
            /^\p{L}+$/u.test(after) && !JOINED.some(function (p) { return after.indexOf(p[0]) === 0 || after.slice(-p[0].length) === p[0]; }) &&
            stem(word + after) === pair[0] + after) out.push(i);
      });
    }
    return out;
  }
  /* The classed keys of builder/arabic/terms.py (twins of without_clitic, inflection_base,
     word_keys and root): variants by table, short words' clitics, inflections, adjacent pairs. */
  var VARIANT = "=", CLITIC = "^", INFLECTED = "+", OPEN = "?", PAIR = "_";
  var CLITICS = "وفبلك";
  var INFLECTIONS = [["ات", 4], ["ون", 4], ["ين", 4], ["يه", 5], ["ي", 5]];
  function withoutClitic(s) { return s.length >= 4 && CLITICS.indexOf(s[0]) >= 0 ? s.slice(1) : null; }
  function inflectionBase(s) {
    for (var i = 0; i < INFLECTIONS.length; i++) {
      var suffix = INFLECTIONS[i][0];
      if (s.slice(-suffix.length) === suffix && s.length - suffix.length >= INFLECTIONS[i][1]) {
        return s.slice(0, -suffix.length);
      }
    }
    return null;
  }
  function openEnding(word, s, written) {
    return s.slice(-1) === "ه" && !written && ARTICLE_PREFIXES.indexOf(word.slice(0, word.length - s.length)) < 0;
  }
  function wordKeys(s, variants, open) {
    var out = [open ? OPEN + s : s], bare = withoutClitic(s), base = inflectionBase(s);
    if (variants && Object.prototype.hasOwnProperty.call(variants, s)) out.push(VARIANT + variants[s]);
    if (bare !== null) out.push(CLITIC + bare);
    if (base !== null) out.push(INFLECTED + base);
    return out;
  }
  function root(key) {
    if (key[0] === VARIANT || key[0] === CLITIC || key[0] === INFLECTED || key[0] === OPEN) return key.slice(1);
    var cut = key.indexOf(PAIR);
    return cut >= 0 ? key.slice(0, cut) : key;
  }
  /* What a query word looks up, each key with its weight: the exact form first, then a known
     variant, the word with or without a clitic, its inflections; and the words whose final ه
     may be a pronoun, unless the query wrote the article and ة (الخلافة is not وخلافه). */
  var WEIGHT = { exact: 1, variant: 0.9, clitic: 0.8, inflected: 0.6 };
  function lookups(s, variants, term) {
    var out = [[s, WEIGHT.exact], [CLITIC + s, WEIGHT.clitic], [INFLECTED + s, WEIGHT.inflected]];
    var bare = withoutClitic(s), base = inflectionBase(s);
    if (!(term && term.marbuta && term.definite)) {
      out.push([OPEN + s, term && term.marbuta ? WEIGHT.variant : WEIGHT.exact]);
      if (bare !== null) out.push([OPEN + bare, WEIGHT.clitic]);
    }
    if (variants && Object.prototype.hasOwnProperty.call(variants, s)) out.push([VARIANT + variants[s], WEIGHT.variant]);
    if (bare !== null) out.push([bare, WEIGHT.clitic], [CLITIC + bare, WEIGHT.clitic]);
    if (base !== null) out.push([base, WEIGHT.inflected], [INFLECTED + base, WEIGHT.inflected]);
    return out;
  }

  // ------------------------------------------------------------------ the index client
  function fnv1a(key) {
    var bytes = new TextEncoder().encode(key), h = 0x811c9dc5;
    for (var i = 0; i < bytes.length; i++) { h ^= bytes[i]; h = Math.imul(h, 0x01000193) >>> 0; }
    return h >>> 0;
  }

  /* A data file (JSON, or text for .txt) by its address relative to the page. Opened from disk
     (file://, an archive's pack) a page may not fetch: there each data file has a script twin,
     FILE.js, that hands its data to arshifLoaded (builder/pack.py writes them). */
  var waiting = {};
  window.arshifLoaded = function (url, data) {
    var done = waiting[url];
    delete waiting[url];
    if (done) done(data);
  };
  function load(url) {
    if (location.protocol !== "file:") {
      return fetch(url).then(function (r) {
        if (!r.ok) throw new Error(url + ": " + r.status);
        return url.slice(-4) === ".txt" ? r.text() : r.json();
      });
    }
    var absolute = new URL(url, location.href).href;
    return new Promise(function (resolve, reject) {
      var script = document.createElement("script");
      waiting[absolute] = resolve;
      script.onerror = function () { delete waiting[absolute]; reject(new Error(url)); };
      script.src = absolute + ".js";
      document.head.appendChild(script);
    });
  }
  window.arshifLoad = load;
  /* A page's address as a link: from disk, a folder's address does not open its index.html. */
  function pageLink(href) {
    return location.protocol === "file:" && href.slice(-1) === "/" ? href + "index.html" : href;
  }

  /* How a key is written in its shard (builder/search_index.py stored_key): a pair by its hash. */
  function storedKey(key) { return key.indexOf(PAIR) >= 0 ? PAIR + fnv1a(key).toString(36) : key; }

  function Index(base) { this.base = base; this.cache = {}; }
  Index.prototype.get = function (path) {
    if (!this.cache[path]) this.cache[path] = load(this.base + path);
    return this.cache[path];
  };
  Index.prototype.meta = function () { return this.get("search/meta.json"); };
  /* A document is segment * SEGMENT + its number in the segment (numbers follow date order). */
  var SEGMENT = 10000000;
  Index.prototype.postings = function (key) {
    var self = this;
    return this.meta().then(function (meta) {
      return Promise.all(meta.segments.map(function (seg, g) {
        return self.get("search/" + g + "/s/" + (fnv1a(root(key)) % seg[1]) + ".json");
      }));
    }).then(function (shards) {
      var out = new Map(), stored = storedKey(key);
      shards.forEach(function (shard, g) {
        var list = shard[stored] || [], doc = 0;
        for (var i = 0; i < list.length; i += 2) { doc += list[i]; out.set(g * SEGMENT + doc, list[i + 1]); }
      });
      return out;
    });
  };
  /* Each segment's document lengths in words, and their mean (BM25's length normalisation). */
  Index.prototype.lengths = function () {
    var self = this;
    return this.meta().then(function (meta) {
      return Promise.all(meta.segments.map(function (_, g) { return self.get("search/" + g + "/n.json"); }));
    }).then(function (all) {
      var total = 0, count = 0;
      all.forEach(function (ns) { ns.forEach(function (n) { total += n; count++; }); });
      return { of: function (doc) { return all[Math.floor(doc / SEGMENT)][doc % SEGMENT]; }, mean: total / Math.max(1, count) };
    });
  };
  var K1 = 1.2, B = 0.75;
  /* Each document's story family (search/<g>/f.json; a document with no copies has none). */
  Index.prototype.families = function () {
    var self = this;
    return this.meta().then(function (meta) {
      return Promise.all(meta.segments.map(function (_, g) { return self.get("search/" + g + "/f.json"); }));
    }).then(function (all) {
      return function (doc) { var f = all[Math.floor(doc / SEGMENT)][String(doc % SEGMENT)]; return f === undefined ? null : f; };
    });
  };
  /* Ranked hits with each story once: its best-ranked copy, which counts the others ([doc, score, others]). */
  function storiesOnce(hits, familyOf) {
    var kept = [], at = new Map();
    hits.forEach(function (hit) {
      var f = familyOf(hit[0]);
      if (f !== null && at.has(f)) { kept[at.get(f)][2] += 1; return; }
      if (f !== null) at.set(f, kept.length);
      kept.push([hit[0], hit[1], 0]);
    });
    return kept;
  }

  /* How recent a document is within its segment (0 oldest, 1 newest): breaks ties in ranking. */
  function recency(meta, doc) {
    var seg = meta.segments[Math.floor(doc / SEGMENT)];
    return (doc % SEGMENT) / Math.max(1, seg[0] - 1);
  }

  /* A query: its words as stems (each must be in an article, in one of its forms) and the
     pairs of them a quoted phrase asks to stand together, in order. */
  var QUOTES = /["“”«»]/;
  function parse(query) {
    var seen = {}, terms = [], pairs = [];
    query.split(QUOTES).forEach(function (part, n) {
      var ws = words(part), written = marbuta(part), stems = [];
      joined(ws).reverse().forEach(function (i) {
        ws.splice(i, 2, stem(ws[i] + ws[i + 1]));
        written.splice(i, 1);
      });
      ws.forEach(function (w, i) {
        var s = stem(w);
        stems.push(s);
        if (!seen[s]) {
          seen[s] = true;
          terms.push({ stem: s, marbuta: written[i], definite: ARTICLE_PREFIXES.indexOf(w.slice(0, w.length - s.length)) >= 0 });
        } else if (!written[i]) {
          terms.forEach(function (t) { if (t.stem === s) t.marbuta = false; });  // one spelling is enough
        }
      });
      if (n % 2 === 1) for (var i = 0; i + 1 < stems.length; i++) pairs.push(stems[i] + PAIR + stems[i + 1]);
    });
    return { terms: terms, phrase: pairs };
  }

  /* Articles holding every word (and every quoted phrase), best first: each word scores by its
     rarity and how often it is there for the article's length (BM25; a title's words count
     three times, in the index), and by how near its form is to the query's; words of the query standing together score more; the
     newest first among equals. */
  Index.prototype.search = function (query, filters) {
    var self = this, parsed = parse(query), terms = parsed.terms;
    if (!terms.length) return Promise.resolve({ terms: terms, hits: [] });
    return this.meta().then(function (meta) {
      terms.forEach(function (t) { t.lookups = lookups(t.stem, meta.variants, t); });
      var adjacent = [];
      for (var i = 0; i + 1 < terms.length; i++) adjacent.push(terms[i].stem + PAIR + terms[i + 1].stem);
      var found = terms.map(function (t) {
        return Promise.all(t.lookups.map(function (l) { return self.postings(l[0]); }));
      });
      var filterKeys = [];
      if (filters.year) filterKeys.push("y:" + filters.year);
      if (filters.place) filterKeys.push("p:" + filters.place);
      if (filters.actor) filterKeys.push("a:" + filters.actor);
      var pairKeys = parsed.phrase.concat(adjacent);
      return Promise.all([Promise.all(found), Promise.all(filterKeys.map(function (k) { return self.postings(k); })),
                          Promise.all(pairKeys.map(function (k) { return self.postings(k); })), self.lengths(),
                          self.families()])
        .then(function (got) {
          var scores = null, lengths = got[3];
          got[0].forEach(function (lists, n) {
            var here = new Map();
            lists.forEach(function (list, k) {
              var weight = terms[n].lookups[k][1];
              list.forEach(function (tf, doc) {
                var norm = K1 * (1 - B + B * (lengths.of(doc) || lengths.mean) / lengths.mean);
                var s = weight * tf * (K1 + 1) / (tf + norm);
                if (!here.has(doc) || here.get(doc) < s) here.set(doc, s);
              });
            });
            var idf = Math.log(1 + meta.docs / Math.max(1, here.size));
            here.forEach(function (s, doc) { here.set(doc, idf * s); });
            if (scores === null) { scores = here; return; }
            var next = new Map();
            scores.forEach(function (score, doc) { if (here.has(doc)) next.set(doc, score + here.get(doc)); });
            scores = next;
          });
          var allowed = got[1].concat(got[2].slice(0, parsed.phrase.length));  // filters, phrases
          allowed.forEach(function (list) {
            scores.forEach(function (_, doc) { if (!list.has(doc)) scores.delete(doc); });
          });
          got[2].slice(parsed.phrase.length).forEach(function (list) {  // words standing together
            list.forEach(function (tf, doc) { if (scores.has(doc)) scores.set(doc, scores.get(doc) + tf / (tf + 1.2)); });
          });
          var hits = storiesOnce(Array.from(scores.entries()).sort(function (a, b) {
            return b[1] - a[1] || recency(meta, b[0]) - recency(meta, a[0]) || b[0] - a[0];
          }), got[4]);
          return { terms: terms, hits: hits, variants: meta.variants };
        });
    });
  };
  Index.prototype.doc = function (doc) {
    var g = Math.floor(doc / SEGMENT), number = doc % SEGMENT;
    return this.meta().then(function (meta) { return meta.chunk; }).then(function (chunk) {
      return this.get("search/" + g + "/d/" + Math.floor(number / chunk) + ".json").then(function (docs) {
        var row = docs[number % chunk];
        return { id: row[0], title: row[1], href: row[2], date: row[3], year: row[4], day: row[5] };
      });
    }.bind(this));
  };

  /* Hits newest first (sort=date): each hit's date is read from its document record. */
  Index.prototype.newestFirst = function (hits) {
    var self = this;
    return Promise.all(hits.map(function (hit) { return self.doc(hit[0]); })).then(function (docs) {
      var day = new Map(hits.map(function (hit, i) { return [hit[0], docs[i].day || ""]; }));
      return hits.slice().sort(function (a, b) {  // hits keep their count of other copies
        return day.get(b[0]) < day.get(a[0]) ? -1 : day.get(b[0]) > day.get(a[0]) ? 1 : b[1] - a[1];
      });
    });
  };

  /* The passage around the first hit, as written, with every matching word marked. */
  var TOKEN = /[\p{L}\p{N}\p{M}\u0640]+/gu;
  function excerpt(text, terms, size, variants) {
    var wanted = {}, tokens = [], m, first = -1;
    terms.forEach(function (t) { lookups(t.stem, variants, t).forEach(function (l) { wanted[l[0]] = true; }); });
    function matches(word, written) {  // a folded word filed under a key the query looks up
      var s = stem(word);
      return wordKeys(s, variants, openEnding(word, s, written)).some(function (k) { return wanted[k]; });
    }
    TOKEN.lastIndex = 0;
    while ((m = TOKEN.exec(text)) !== null) {
      var ws = words(m[0]), written = marbuta(m[0]);
      tokens.push({ start: m.index, end: m.index + m[0].length, words: ws,
                    hit: ws.some(function (w, i) { return matches(w, written[i]); }) });
    }
    tokens.forEach(function (t, j) {  // a name written apart that the query wrote joined (عبد الله)
      var next = tokens[j + 1], a = t.words[t.words.length - 1], b = next && next.words[0];
      if (a && b && joined([a, b]).length && matches(a + b, false)) t.hit = next.hit = true;
    });
    for (var j = 0; j < tokens.length && first < 0; j++) if (tokens[j].hit) first = j;
    if (!tokens.length) return [];
    var from = Math.max(0, first - 12), to = Math.min(tokens.length - 1, Math.max(first, 0) + (size || 30));
    var parts = [], pos = tokens[from].start;
    if (from > 0) parts.push({ text: "… " });
    for (var i = from; i <= to; i++) {
      var t = tokens[i];
      if (t.start > pos) parts.push({ text: text.slice(pos, t.start) });
      parts.push({ text: text.slice(t.start, t.end), mark: t.hit });
      pos = t.end;
    }
    if (to < tokens.length - 1) parts.push({ text: " …" });
    return parts;
  }

  // ------------------------------------------------------------------ the results page
  var PAGE = 10;
  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function fillSelect(select, options, current) {
    options.forEach(function (o) {
      var opt = el("option", { value: o[0] }, o[1] + " (" + o[2] + ")");
      if (String(o[0]) === current) opt.selected = true;
      select.appendChild(opt);
    });
  }

  function digits(n, arabic) {
    var s = String(n);
    return arabic ? s.replace(/[0-9]/g, function (c) { return String.fromCharCode(0x0660 + Number(c)); }) : s;
  }

  // A number with its noun in Arabic agreement: the builder's table of forms (data-counts, from
  // builder/arabic/counts.py) chosen by the browser's CLDR plural rule, as babel chooses them.
  function counter(table, arabic) {
    var rules = new Intl.PluralRules("ar");
    return function (n, noun) {
      return table[noun][rules.select(n)].replace("{n}", digits(n, arabic));
    };
  }

  function resultsPage(root) {
    var base = root.getAttribute("data-base"), index = new Index(base);
    var arabicDigits = root.getAttribute("data-digits") === "arabic";
    var count = counter(JSON.parse(root.getAttribute("data-counts")), arabicDigits);
    var params = new URLSearchParams(location.search);
    var q = params.get("q") || "", filters = { year: params.get("year") || "", place: params.get("place") || "", actor: params.get("actor") || "" };
    var page = Math.max(1, parseInt(params.get("page") || "1", 10) || 1);
    var form = root.querySelector("form"), status = root.querySelector(".arshif-search-status");
    var list = root.querySelector(".arshif-results"), pager = root.querySelector(".arshif-pager");
    form.elements.q.value = q;
    var header = document.querySelector(".arshif-header-search input");
    if (header) header.value = q;
    index.meta().then(function (meta) {
      fillSelect(form.elements.year, meta.facets.y.map(function (y) { return [y[0], y[0] === "undated" ? "بلا تاريخ" : digits(y[0], arabicDigits), digits(y[1], arabicDigits)]; }), filters.year);
      fillSelect(form.elements.place, meta.facets.p.map(function (p) { return [p[0], p[1], digits(p[2], arabicDigits)]; }), filters.place);
      fillSelect(form.elements.actor, meta.facets.a.map(function (p) { return [p[0], p[1], digits(p[2], arabicDigits)]; }), filters.actor);
    });
    if (!q.trim()) { status.textContent = "اكتب كلمة أو أكثر للبحث."; return; }
    status.textContent = "جارٍ البحث…";
    var newest = params.get("sort") === "date";
    if (form.elements.sort) form.elements.sort.value = newest ? "date" : "";
    index.search(q, filters).then(function (found) {
      if (!newest) return found;
      return index.newestFirst(found.hits).then(function (hits) { found.hits = hits; return found; });
    }).then(function (found) {
      var total = found.hits.length;
      root.setAttribute("data-total", String(total));
      if (!total) { status.textContent = "لا نتائج لـ«" + q + "»."; root.setAttribute("data-done", "1"); return; }
      var articles = found.hits.reduce(function (n, hit) { return n + 1 + (hit[2] || 0); }, 0);
      status.textContent = count(total, "result") + " لـ«" + q + "»" +
        (articles > total ? " (" + count(articles, "article") + " بنسخها)" : "");
      var shown = found.hits.slice((page - 1) * PAGE, page * PAGE);
      return Promise.all(shown.map(function (hit) {
        return index.doc(hit[0]).then(function (doc) {
          doc.others = hit[2] || 0;
          return index.get("search/t/" + doc.id + ".txt").then(function (text) { doc.text = text; return doc; });
        });
      })).then(function (docs) {
        docs.forEach(function (doc) {
          var li = el("li", { "class": "arshif-result", "data-id": doc.id });
          var a = el("a", { href: pageLink(doc.href), "class": "arshif-entry-title" }, doc.title);
          li.appendChild(a);
          if (doc.date) li.appendChild(el("div", { "class": "arshif-entry-date" }, doc.date));
          if (doc.others) {
            li.appendChild(el("span", { "class": "arshif-result-copies" },
              "+" + count(doc.others, "other copy")));
          }
          var p = el("p", { "class": "arshif-excerpt" });
          var body = doc.text.slice(doc.text.indexOf("\n") + 1);
          excerpt(body, found.terms, 30, found.variants).forEach(function (part) {
            p.appendChild(part.mark ? el("mark", {}, part.text) : document.createTextNode(part.text));
          });
          li.appendChild(p);
          list.appendChild(li);
        });
        var pages = Math.ceil(total / PAGE);
        for (var n = 1; n <= pages && pages > 1; n++) {
          params.set("page", String(n));
          pager.appendChild(n === page ? el("span", { "aria-current": "page" }, digits(n, arabicDigits)) :
            el("a", { href: "?" + params.toString() }, digits(n, arabicDigits)));
        }
        root.setAttribute("data-done", "1");
      });
    }).catch(function (err) {
      status.textContent = "تعذّر البحث: " + err.message;
      root.setAttribute("data-done", "1");
    });
  }

  window.Arshif = { fold: fold, words: words, marbuta: marbuta, openEnding: openEnding, stem: stem, joined: joined, wordKeys: wordKeys, root: root,
                    lookups: lookups, parse: parse, fnv1a: fnv1a, storedKey: storedKey, excerpt: excerpt, Index: Index };
  document.addEventListener("DOMContentLoaded", function () {
    var root = document.getElementById("arshif-search");
    if (root) resultsPage(root);
  });
})();
