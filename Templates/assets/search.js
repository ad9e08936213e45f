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
  function words(text) {
    var lower = text.normalize("NFC").toLowerCase();
    var found = lower.match(/[\p{L}\p{N}]+/gu) || [];
    return found.filter(function (w) { return w.length <= 40; }).map(function (w) { return { exact: w, folded: fold(w) }; });
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

  // Quoted parts are phrases; every word must appear.
  function parse(q) {
    var phrases = [];
    var rest = q.replace(/["“”]([^"“”]+)["“”]/g, function (_, p) {
      var w = words(p);
      if (w.length > 1) phrases.push(w.map(function (x) { return x.folded; }));
      return " " + p + " ";
    });
    return { terms: words(rest), phrases: phrases };
  }

  function hasPhrase(foldedWords, phrase) {
    outer: for (var i = 0; i + phrase.length <= foldedWords.length; i++) {
      for (var k = 0; k < phrase.length; k++) if (foldedWords[i + k] !== phrase[k]) continue outer;
      return true;
    }
    return false;
  }

  // Marks the words of the query: as typed when typed with diacritics, by their folded form when typed without.
  function snippet(text, terms) {
    var folded = fold(text), lower = text.toLowerCase();
    var wanted = {};
    terms.forEach(function (t) { wanted[t.folded] = wanted[t.folded] || []; wanted[t.folded].push(t); });
    var re = /[\p{L}\p{N}]+/gu, m, first = -1, marks = [];
    while ((m = re.exec(folded)) !== null) {
      var ts = wanted[m[0]];
      if (!ts) continue;
      var exact = lower.slice(m.index, m.index + m[0].length);
      if (!ts.some(function (t) { return t.exact === t.folded || t.exact === exact; })) continue;
      if (first < 0) first = m.index;
      marks.push([m.index, m.index + m[0].length]);
    }
    var start = first < 0 ? 0 : Math.max(0, first - 100);
    var end = Math.min(text.length, (first < 0 ? 0 : first) + 220);
    if (start > 0) { var sp = text.indexOf(" ", start); if (sp > 0 && sp < first) start = sp + 1; }
    if (end < text.length) { var ep = text.lastIndexOf(" ", end); if (ep > start) end = ep; }
    var html = "", pos = start;
    marks.forEach(function (r) {
      if (r[0] < start || r[1] > end) return;
      html += escapeHTML(text.slice(pos, r[0])) + "<mark>" + escapeHTML(text.slice(r[0], r[1])) + "</mark>";
      pos = r[1];
    });
    html += escapeHTML(text.slice(pos, end));
    return (start > 0 ? "… " : "") + html + (end < text.length ? " …" : "");
  }

  // Runs a query: `load(path)` returns a promise of the parsed JSON file under search/; `pageText(url)` (optional)
  // the text of an article's page, read only to check a phrase in an article whose stored text was cut.
  // Resolves to { ids, total, exact, results } with the results (fragments) of page `page`.
  function search(load, meta, query, page, filter, pageText) {
    var parsed = parse(query);
    var terms = parsed.terms;
    if (terms.length === 0) return Promise.resolve({ ids: [], total: 0, exact: false, results: [], terms: terms });
    var shardOf = {};
    terms.forEach(function (t) { shardOf[t.folded] = fnv(t.folded) % meta.shards; });
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
      // Very common words live in files of their own: the shard holds the file's number.
      var own = terms.map(function (t) { return shards[shardOf[t.folded]][t.folded]; })
        .filter(function (e, i, a) { return typeof e === "number" && a.indexOf(e) === i; });
      return Promise.all(own.map(function (k) { return load("i/w" + k + ".json"); })).then(function (files) {
        var ownFile = {};
        own.forEach(function (k, i) { ownFile[k] = files[i]; });
        return rank(shards, ownFile, filters);
      });
    });

    function rank(shards, ownFile, filters) {
      // Every word must be there; a word spelt as typed scores higher than one matched without its diacritics.
      var scores = null;
      terms.forEach(function (t) {
        var entry = shards[shardOf[t.folded]][t.folded];
        if (typeof entry === "number") entry = ownFile[entry];
        var next = {};
        if (entry) {
          var form = entry[0].indexOf(t.exact);
          // "delta" or "delta.mask" in base 36; the mask of spellings is 1 when left out.
          var postings = entry[1] ? entry[1].split(",") : [];
          var id = 0;
          for (var i = 0; i < postings.length; i++) {
            var p = postings[i], dot = p.indexOf(".");
            id += parseInt(dot < 0 ? p : p.slice(0, dot), 36);
            var mask = dot < 0 ? 1 : parseInt(p.slice(dot + 1), 36);
            if (scores !== null && !(id in scores)) continue;
            var exact = form >= 0 && (mask & (1 << form)) !== 0;
            next[id] = (scores === null ? 0 : scores[id]) + (exact ? 2 : 1);
          }
        }
        scores = next;
      });
      var ids = Object.keys(scores || {}).map(Number);
      filters.forEach(function (allowed) { ids = ids.filter(function (id) { return allowed[id] === true; }); });
      ids.sort(function (a, b) { return scores[b] - scores[a] || a - b; });
      function fragments(list) { return Promise.all(list.map(function (id) { return load("f/" + id + ".json"); })); }
      if (parsed.phrases.length === 0) {
        return fragments(ids.slice((page - 1) * PAGE, page * PAGE)).then(function (rs) {
          return { ids: ids, total: ids.length, exact: false, results: rs, terms: terms };
        });
      }
      // Phrases: check the candidates' texts in order, a batch at a time, until the page is full.
      var verified = [], verifiedIds = [], checked = 0, need = page * PAGE;
      function step() {
        if (verified.length >= need || checked >= ids.length) {
          var done = checked >= ids.length;
          return { ids: verifiedIds, total: done ? verified.length : verified.length + 1, exact: true, more: !done,
                   results: verified.slice((page - 1) * PAGE, need), terms: terms };
        }
        var batch = ids.slice(checked, checked + PAGE);
        checked += batch.length;
        function holds(text) {
          var fw = words(text).map(function (w) { return w.folded; });
          return parsed.phrases.every(function (p) { return hasPhrase(fw, p); });
        }
        return fragments(batch).then(function (rs) {
          return Promise.all(rs.map(function (r) {
            if (holds(r.t + " " + r.x)) return true;
            if (!r.c || !pageText) return false;
            return pageText(r.u).then(function (t) { return holds(r.t + " " + t); }, function () { return false; });
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

  var engine = { fold: fold, words: words, fnv: fnv, parse: parse, search: search, snippet: snippet, quoted: quoted };
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
        "<p class=\"summary\">" + snippet(r.x, found.terms) + "</p></li>";
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
