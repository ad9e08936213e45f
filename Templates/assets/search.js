// Bantin search: reads ?q= from the address, downloads only the index shards its words need, then the texts of
// the results it shows. No dependencies. Words are split and folded exactly as the build does (Sources/Search).
// The engine has no DOM, so Node runs it in the tests; the page part runs only in a browser.
(function () {
  "use strict";
  var encoder = new TextEncoder();
  var PAGE = 10;

  // Folding: lower case, no tones or vowel marks, đ → d; one character in, one character out, so positions in the
  // folded text are positions in the original.
  function foldChar(ch) {
    var cp = ch.codePointAt(0);
    if (cp < 0x80) return ch.toLowerCase();
    if (ch === "đ" || ch === "Đ") return "d";
    if (cp >= 0xC0 && cp < 0x1F00) {
      var d = ch.normalize("NFD").charAt(0);
      if (/[A-Za-z]/.test(d)) return d.toLowerCase();
    }
    return ch;
  }
  function fold(text) {
    var out = "";
    for (var i = 0; i < text.length; i++) out += foldChar(text.charAt(i));
    return out;
  }
  // The words of a text with where they stand. `joined`: nothing breaks the sentence between the word and the one
  // before it (no line break, no . ! ? ; : … followed by a space) — the build indexes such neighbours as pairs.
  // Words over 40 characters or 40 bytes are left out, as the build does, and break the sentence too.
  var BREAK = /[\n\r]|[.!?;:\u2026][^]*[ \t\u00a0]/;
  function tokens(text) {
    var re = /[\p{L}\p{N}]+/gu, m, out = [], last = -1;
    while ((m = re.exec(text)) !== null) {
      var lower = m[0].toLowerCase();
      if (m[0].length > 40 || (m[0].length > 13 && encoder.encode(lower).length > 40)) { last = -1; continue; }
      var joined = last >= 0 && !BREAK.test(text.slice(last, m.index));
      out.push({ exact: lower, folded: fold(lower), start: m.index, end: m.index + m[0].length, joined: joined });
      last = m.index + m[0].length;
    }
    return out;
  }
  function words(text) {
    return tokens(text.normalize("NFC")).map(function (t) { return { exact: t.exact, folded: t.folded }; });
  }
  function fnv(s) {
    var h = 2166136261 >>> 0;
    var bytes = encoder.encode(s);
    for (var i = 0; i < bytes.length; i++) { h ^= bytes[i]; h = Math.imul(h, 16777619) >>> 0; }
    return h >>> 0;
  }
  function escapeHTML(s) {
    return s.replace(/[&<>"']/g, function (c) { return { "&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&quot;", "'": "&#39;" }[c]; });
  }
  // Document symbols (“55-NQ/TW”, “126/BC-UBND”) kept on one line, as the build does on its pages.
  function keepSymbols(html) {
    return html.replace(/[\p{L}\p{N}][\p{L}\p{N}.]*(?:[-/][\p{L}\p{N}.]*[\p{L}\p{N}])+/gu, function (w) {
      var capitals = (w.match(/[A-ZĐ]/g) || []).length;
      return w.length <= 40 && (capitals >= 2 || (capitals >= 1 && /[0-9]/.test(w))) ? "<span class=\"so-hieu\">" + w + "</span>" : w;
    });
  }

  // Quoted parts are phrases (their words must stand together, in order); every word must appear. `loose` are the
  // words outside phrases: only they are highlighted one by one.
  var QUOTED = /["“”]([^"“”]+)["“”]/g;
  function parse(q) {
    var phrases = [];
    var all = q.replace(QUOTED, function (_, p) {
      var w = words(p);
      if (w.length > 1) phrases.push(w);
      return " " + p + " ";
    });
    var outside = q.replace(QUOTED, function (_, p) { return words(p).length > 1 ? " " : " " + p + " "; });
    return { terms: words(all), phrases: phrases, loose: words(outside) };
  }

  function pairKey(a, b) { return a.folded + " " + b.folded; }

  // Where `phrase` (words) stands in `toks`, as start indices.
  function phraseAt(toks, phrase) {
    var found = [];
    outer: for (var i = 0; i + phrase.length <= toks.length; i++) {
      for (var k = 0; k < phrase.length; k++) {
        if (toks[i + k].folded !== phrase[k].folded || (k > 0 && !toks[i + k].joined)) continue outer;
      }
      found.push(i);
    }
    return found;
  }

  // A snippet of one block (a line of the stored text: a heading never runs into the paragraph after it), where
  // most of the query stands together: each phrase marked whole, each loose word as typed when typed with
  // diacritics, by its folded form when typed without.
  function snippet(text, query) {
    if (Array.isArray(query)) query = { terms: query, phrases: [], loose: query };
    var toks = tokens(text), marks = [];
    toks.forEach(function (t) {
      query.loose.forEach(function (q) {
        if (q.folded === t.folded && (q.exact === q.folded || q.exact === t.exact)) marks.push({ s: t.start, e: t.end, w: 1, k: "w" + q.folded });
      });
    });
    query.phrases.forEach(function (p, n) {
      phraseAt(toks, p).forEach(function (i) { marks.push({ s: toks[i].start, e: toks[i + p.length - 1].end, w: 3, k: "p" + n }); });
    });
    marks.sort(function (a, b) { return a.s - b.s || b.e - a.e; });
    marks = marks.filter(function (m, i, all) { return i === 0 || m.s >= all[i - 1].e; });
    function blockOf(pos) {
      var s = text.lastIndexOf("\n", pos - 1) + 1, e = text.indexOf("\n", pos);
      return [s, e < 0 ? text.length : e];
    }
    // The window that holds most of the query: anchored at each mark, what lies within 150 characters in its block;
    // on a tie, a paragraph rather than a heading or a caption (a block under 40 characters).
    var best = -1, bestScore = 0;
    marks.forEach(function (m, i) {
      var block = blockOf(m.s), seen = {}, score = block[1] - block[0] >= 40 ? 0.5 : 0;
      for (var j = i; j < marks.length && marks[j].s < Math.min(block[1], m.s + 150); j++) {
        if (!seen[marks[j].k]) { seen[marks[j].k] = true; score += marks[j].w; }
      }
      if (score > bestScore) { best = i; bestScore = score; }
    });
    var block, first;
    if (best >= 0) { first = marks[best].s; block = blockOf(first); }
    else {
      // No mark (the word is beyond the stored text): the first block of some length, else the first.
      var lines = text.split("\n"), pos = 0, at = 0;
      for (var k = 0; k < lines.length; k++) { if (lines[k].length >= 40) { at = pos; break; } pos += lines[k].length + 1; }
      block = blockOf(at); first = block[0];
    }
    var start = Math.max(block[0], first - 80);
    var end = Math.min(block[1], start + 220);
    if (start > block[0]) { var sp = text.indexOf(" ", start); if (sp > 0 && sp < first) start = sp + 1; }
    if (end < block[1]) { var ep = text.lastIndexOf(" ", end); if (ep > start) end = ep; }
    var html = "", pos2 = start;
    marks.forEach(function (r) {
      if (r.s < start || r.e > end) return;
      html += keepSymbols(escapeHTML(text.slice(pos2, r.s))) + "<mark>" + keepSymbols(escapeHTML(text.slice(r.s, r.e))) + "</mark>";
      pos2 = r.e;
    });
    html += keepSymbols(escapeHTML(text.slice(pos2, end)));
    return (start > 0 ? "… " : "") + html + (end < text.length ? " …" : "");
  }

  // Runs a query: `load(path)` returns a promise of the parsed JSON file under search/; `pageText(url)` (optional)
  // the text of an article's page, read only to check a phrase in an article whose stored text was cut.
  // Resolves to { ids, total, exact, results, query } with the results (fragments) of page `page`.
  //
  // Ranking: every word must be there. Each word counts 1, spelt as typed 1 more (5 more when typed with
  // diacritics, which then rank first), in the title 2 more; each two neighbouring words of the query that
  // stand next to each other in that order in the article (a pair the build indexed) 6 more, in the title 3 more.
  // So “tu dien bien” puts “Tư Điện Biên” or “tự diễn biến” before an article where “toàn diện”, “biên soạn” and
  // “tư liệu” are far apart; equal scores go newest first.
  function search(load, meta, query, page, filter, pageText) {
    var parsed = parse(query);
    var terms = parsed.terms;
    if (terms.length === 0) return Promise.resolve({ ids: [], total: 0, exact: false, results: [], terms: terms, query: parsed });
    var pairs = [];
    for (var n = 0; n + 1 < terms.length; n++) {
      var key = pairKey(terms[n], terms[n + 1]);
      if (encoder.encode(key).length <= 40 && pairs.indexOf(key) < 0) pairs.push(key);
    }
    // A phrase's pairs must all be in an article for the phrase to be, unless it stands beyond the part of the text
    // whose pairs the build indexed (articles listed under "~"): candidates are narrowed before any text is
    // downloaded to check them.
    var required = [];
    parsed.phrases.forEach(function (p) {
      for (var k = 0; k + 1 < p.length; k++) {
        var key = pairKey(p[k], p[k + 1]);
        if (encoder.encode(key).length <= 40 && required.indexOf(key) < 0) required.push(key);
      }
    });
    var keys = terms.map(function (t) { return t.folded; }).concat(pairs).concat(required.length > 0 ? ["~"] : []);
    var shardOf = {};
    // A pair is in the shard of its first word.
    keys.forEach(function (k) { shardOf[k] = fnv(k.split(" ")[0]) % meta.shards; });
    var shardIds = Object.keys(shardOf).map(function (k) { return shardOf[k]; }).filter(function (v, i, a) { return a.indexOf(v) === i; });
    // A filter downloads only its own list: the articles of that year, or citing that document.
    function filterList(path) {
      return load(path).then(function (str) {
        var set = {}, id = 0;
        (str ? str.split(",") : []).forEach(function (d) { id += parseInt(d, 36); set[id] = true; });
        return set;
      });
    }
    var filterLists = [];
    if (filter && filter.year) filterLists.push(filterList("y/" + filter.year + ".json"));
    if (filter && filter.doc !== undefined && filter.doc !== "") filterLists.push(filterList("d/" + filter.doc + ".json"));
    return Promise.all([Promise.all(shardIds.map(function (n) { return load("i/" + n + ".json"); })),
                        Promise.all(filterLists)]).then(function (loaded) {
      var shards = {};
      shardIds.forEach(function (n, i) { shards[n] = loaded[0][i]; });
      var filters = loaded[1];
      // Very common words and pairs live in files of their own: the shard holds the file's number.
      var own = keys.map(function (k) { return shards[shardOf[k]][k]; })
        .filter(function (e, i, a) { return typeof e === "number" && a.indexOf(e) === i; });
      return Promise.all(own.map(function (k) { return load("i/w" + k + ".json"); })).then(function (files) {
        var ownFile = {};
        own.forEach(function (k, i) { ownFile[k] = files[i]; });
        return rank(function (k) {
          var e = shards[shardOf[k]][k];
          return typeof e === "number" ? ownFile[e] : e;
        }, filters);
      });
    });

    // Calls `each(id, mask, title)` for every posting of a postings string: "delta", "delta.mask", either with "!"
    // when in the title; base 36; the mask of spellings is 1 when left out.
    function postings(str, each) {
      var list = str ? str.split(",") : [], id = 0;
      for (var i = 0; i < list.length; i++) {
        var p = list[i], title = p.charCodeAt(p.length - 1) === 33;
        if (title) p = p.slice(0, -1);
        var dot = p.indexOf(".");
        id += parseInt(dot < 0 ? p : p.slice(0, dot), 36);
        each(id, dot < 0 ? 1 : parseInt(p.slice(dot + 1), 36), title);
      }
    }

    function rank(entry, filters) {
      var scores = null;
      terms.forEach(function (t) {
        var e = entry(t.folded), next = {};
        if (e) {
          var form = e[0].indexOf(t.exact);
          var bonus = t.exact !== t.folded ? 5 : 1;
          postings(e[1], function (id, mask, title) {
            if (scores !== null && !(id in scores)) return;
            var exact = form >= 0 && (mask & (1 << form)) !== 0;
            next[id] = (scores === null ? 0 : scores[id]) + 1 + (exact ? bonus : 0) + (title ? 2 : 0);
          });
        }
        scores = next;
      });
      scores = scores || {};
      var hits = {};
      pairs.forEach(function (k) {
        var isRequired = required.indexOf(k) >= 0;
        postings(typeof entry(k) === "string" ? entry(k) : "", function (id, _, title) {
          if (!(id in scores)) return;
          scores[id] += 6 + (title ? 3 : 0);
          if (isRequired) hits[id] = (hits[id] || 0) + 1;
        });
      });
      var ids = Object.keys(scores).map(Number);
      if (required.length > 0) {
        var long = {};
        postings(typeof entry("~") === "string" ? entry("~") : "", function (id) { long[id] = true; });
        ids = ids.filter(function (id) { return hits[id] === required.length || long[id] === true; });
      }
      filters.forEach(function (allowed) { ids = ids.filter(function (id) { return allowed[id] === true; }); });
      ids.sort(function (a, b) { return scores[b] - scores[a] || a - b; });
      function fragments(list) { return Promise.all(list.map(function (id) { return load("f/" + id + ".json"); })); }
      if (parsed.phrases.length === 0) {
        return fragments(ids.slice((page - 1) * PAGE, page * PAGE)).then(function (rs) {
          return { ids: ids, total: ids.length, exact: false, results: rs, terms: terms, query: parsed };
        });
      }
      // Phrases of three words or more: the pairs are there, but are they one after the other? Check the
      // candidates' texts in order, a batch at a time, until the page is full.
      var verified = [], verifiedIds = [], checked = 0, need = page * PAGE;
      function step() {
        if (verified.length >= need || checked >= ids.length) {
          var done = checked >= ids.length;
          return { ids: verifiedIds, total: done ? verified.length : verified.length + 1, exact: true, more: !done,
                   results: verified.slice((page - 1) * PAGE, need), terms: terms, query: parsed };
        }
        var batch = ids.slice(checked, checked + PAGE);
        checked += batch.length;
        function holds(text) {
          var toks = tokens(text.normalize("NFC"));
          return parsed.phrases.every(function (p) { return phraseAt(toks, p).length > 0; });
        }
        return fragments(batch).then(function (rs) {
          return Promise.all(rs.map(function (r) {
            if (holds(r.t + "\n" + r.x)) return true;
            if (!r.c || !pageText) return false;
            return pageText(r.u).then(function (t) { return holds(r.t + "\n" + t); }, function () { return false; });
          })).then(function (ok) {
            rs.forEach(function (r, i) { if (ok[i]) { verified.push(r); verifiedIds.push(batch[i]); } });
            return step();
          });
        });
      }
      return step();
    }
  }

  // The query as the status line echoes it: in curly quotes once, also when it was typed in quotes.
  function quoted(q) {
    var m = /^\s*["“”]([^"“”]*)["“”]\s*$/.exec(q);
    return "“" + (m ? m[1] : q) + "”";
  }

  var engine = { fold: fold, words: words, fnv: fnv, parse: parse, search: search, snippet: snippet, quoted: quoted, keepSymbols: keepSymbols };
  if (typeof module !== "undefined" && module.exports) module.exports = engine;
  if (typeof document === "undefined") return;

  // ---- The page ----
  var script = document.currentScript || document.querySelector("script[data-base]");
  var base = (script && script.getAttribute("data-base")) || "/";
  var form = document.querySelector(".search-form");
  var input = document.getElementById("tu-khoa");
  var status = document.getElementById("ket-qua-tim");
  var list = document.getElementById("danh-sach-ket-qua");
  var pager = document.getElementById("trang-ket-qua");
  var yearSelect = document.getElementById("loc-nam");
  var docSelect = document.getElementById("loc-van-ban");
  if (!form || !list) return;

  var started = performance.now();
  var downloaded = 0;
  var params = new URLSearchParams(location.search);
  var query = (params.get("q") || "").trim();
  var page = Math.max(1, parseInt(params.get("trang") || "1", 10) || 1);
  var year = params.get("nam") || "";
  var doc = params.get("vb") || "";
  input.value = query;

  function load(path) {
    return fetch(base + "search/" + path).then(function (r) {
      if (!r.ok) throw new Error(path + ": " + r.status);
      return r.text();
    }).then(function (t) {
      downloaded += encoder.encode(t).length;
      return JSON.parse(t);
    });
  }

  function link(p) {
    var q = new URLSearchParams();
    q.set("q", query);
    if (year) q.set("nam", year);
    if (doc) q.set("vb", doc);
    if (p > 1) q.set("trang", String(p));
    return base + "tim-kiem/?" + q.toString();
  }

  function show(found) {
    list.innerHTML = found.results.map(function (r) {
      return "<li class=\"item\"><p class=\"meta\">" + escapeHTML(r.d) + (r.s ? " · " + escapeHTML(r.s) : "") + "</p>" +
        "<h2><a href=\"" + escapeHTML(r.u) + "\">" + escapeHTML(r.t) + "</a></h2>" +
        "<p class=\"summary\">" + snippet(r.x, found.query) + "</p></li>";
    }).join("");
    var pages = Math.ceil(found.total / PAGE);
    // Phrases are checked page by page, so beyond the pages read the count is “more than”.
    var count = found.more ? "Hơn " + (found.total - 1) : (found.exact ? "" : "Có ") + found.total;
    status.textContent = found.total === 0 ? "Không tìm thấy bài nào cho " + quoted(query) + "." :
      count + " bài " + (found.exact ? "chứa đúng cụm từ" : "có đủ các từ") + " " + quoted(query) +
      (pages > 1 && !found.more ? " · trang " + page + "/" + pages : found.more ? " · trang " + page : "") + ".";
    var nav = "";
    if (page > 1) nav += "<a rel=\"prev\" href=\"" + escapeHTML(link(page - 1)) + "\">← Trang trước</a> ";
    if (page < pages) nav += "<a rel=\"next\" href=\"" + escapeHTML(link(page + 1)) + "\">Trang sau →</a>";
    pager.innerHTML = nav;
    if (typeof console !== "undefined") {
      console.info("bantin-search: " + found.total + " results, first shown after " + Math.round(performance.now() - started) +
        " ms, " + downloaded + " bytes downloaded");
    }
  }

  load("meta.json").then(function (meta) {
    // Filters: years newest first, documents by how often they are cited.
    meta.years.forEach(function (y) {
      var o = document.createElement("option");
      o.value = String(y[0]); o.textContent = y[0] + " (" + y[1] + ")";
      if (o.value === year) o.selected = true;
      yearSelect.appendChild(o);
    });
    meta.documents.map(function (d, i) { return [d, i]; })
      .sort(function (a, b) { return b[0][1] - a[0][1] || a[1] - b[1]; })
      .forEach(function (p) {
        var o = document.createElement("option");
        o.value = String(p[1]); o.textContent = p[0][0] + " (" + p[0][1] + ")";
        if (o.value === doc) o.selected = true;
        docSelect.appendChild(o);
      });
    document.getElementById("bo-loc").hidden = false;
    if (!query) { status.textContent = "Nhập từ khóa để tìm trong " + meta.articles + " bài viết."; return null; }
    status.textContent = "Đang tìm…";
    function pageText(url) {
      return fetch(url).then(function (r) { return r.text(); }).then(function (html) {
        downloaded += encoder.encode(html).length;
        var doc = new DOMParser().parseFromString(html, "text/html");
        var content = doc.querySelector(".content") || doc.body;
        return content ? content.textContent : "";
      });
    }
    return search(load, meta, query, page, { year: year, doc: doc }, pageText).then(show);
  }).catch(function (e) {
    status.textContent = "Không tải được chỉ mục tìm kiếm (" + e.message + ").";
  });

  [yearSelect, docSelect].forEach(function (s) {
    s.addEventListener("change", function () { if (input.value.trim()) form.submit(); });
  });
})();
