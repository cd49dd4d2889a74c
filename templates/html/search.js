/* codedoc search: finds codes in what a visitor pastes or types, with
   the index of the page's language (search-index.js).  The rules are
   those of src/match.h, which codedoc explain follows too: a code by any
   of its written forms inside free text ("550-5.1.1", "4.7.1;"), else by
   words at the start of words of its title (3 points) or texts (1 point),
   more than half of them.
   No framework, nothing from the network; works opened from disk. */
(function () {
	"use strict";
	var index = window.codedocIndex;
	var LIMIT = 20;

	function trim(piece) {
		return piece.replace(/^[._-]+|[._-]+$/g, "");
	}

	/* Adds the codes a piece names; returns how many forms matched. */
	function lookup(piece, seen, hits) {
		var p = trim(piece).toLowerCase(), list;

		if (p === "" || !Object.prototype.hasOwnProperty.call(index.forms, p))
			return 0;
		list = index.forms[p];
		list.forEach(function (h) {
			var key = h[0] + "/" + h[1];

			if (!seen[key]) {
				seen[key] = true;
				hits.push({ i: h[0], cls: h[1], score: 0 });
			}
		});
		return list.length;
	}

	function matchCodes(text) {
		var seen = {}, hits = [];

		text.split(/[^A-Za-z0-9._-]+/).forEach(function (piece) {
			if (piece !== "" && lookup(piece, seen, hits) === 0)
				piece.split("-").forEach(function (part) { lookup(part, seen, hits); });
		});
		return hits;
	}

	function utf8Length(s) {
		return unescape(encodeURIComponent(s)).length;
	}

	function words(text) {
		var out = [], seen = {};

		(text.toLowerCase().replace(/\u0307/g, "").match(/[\p{L}\p{M}\p{N}]+/gu) || []).forEach(function (w) {
			if (Array.from(w).length >= 2 && utf8Length(w) < 1024 && !seen[w]) {
				seen[w] = true;
				out.push(w);
			}
		});
		return out;
	}

	function hasWord(list, w) {
		return (" " + list).indexOf(" " + w) >= 0;
	}

	function matchWords(text) {
		var q = words(text), hits = [];

		if (q.length === 0)
			return hits;
		index.codes.forEach(function (c, i) {
			var score = 0, found = 0;

			q.forEach(function (w) {
				if (hasWord(c.tw, w))
					score += 3;
				else if (hasWord(c.w, w))
					score += 1;
				else
					return;
				found++;
			});
			if (score > 0 && found * 2 > q.length)
				hits.push({ i: i, cls: "", score: score });
		});
		hits.sort(function (a, b) { return b.score - a.score || a.i - b.i; });
		return hits.slice(0, LIMIT);
	}

	/* The whole matcher: forms first, words only when there is none. */
	function search(text) {
		var hits = matchCodes(text);

		if (hits.length)
			return { by: "code", hits: hits };
		hits = matchWords(text);
		return { by: hits.length ? "words" : "none", hits: hits };
	}

	/* "X.1.1" found as "5.1.1" is shown as written. */
	function label(c, cls) {
		var dot = c.id.indexOf(".");

		if (cls !== "" && dot > 0)
			return c.r + " " + cls + c.id.slice(dot);
		return c.r + " " + c.id;
	}

	function show(query) {
		var summary = document.getElementById("summary");
		var list = document.getElementById("results");
		var result = search(query);

		while (list.firstChild)
			list.removeChild(list.firstChild);
		if (query.trim() === "") {
			summary.textContent = "";
			return;
		}
		summary.textContent = result.hits.length === 0 ? summary.dataset.none
		    : result.by === "code" ? summary.dataset.codes : summary.dataset.words;
		result.hits.forEach(function (h) {
			var c = index.codes[h.i];
			var li = document.createElement("li");
			var a = document.createElement("a");
			var num = document.createElement("span");
			var title = document.createElement("span");

			a.href = c.u;
			num.className = "num";
			num.dir = "ltr";
			num.textContent = label(c, h.cls);
			title.textContent = c.t;
			if (c.e) {
				title.lang = "en";
				title.dir = "ltr";
			}
			a.appendChild(num);
			a.appendChild(document.createTextNode(" "));
			a.appendChild(title);
			li.appendChild(a);
			list.appendChild(li);
		});
	}

	window.codedocSearch = search;
	if (typeof document === "undefined" || !document.getElementById("results"))
		return;
	var params = new URLSearchParams(window.location.search);
	var input = document.getElementById("q");
	var query = params.get("q") || "";

	input.value = query;
	show(query);
	input.form.addEventListener("submit", function (e) {
		e.preventDefault();
		show(input.value);
		if (window.history && window.history.replaceState)
			window.history.replaceState(null, "", "?q=" + encodeURIComponent(input.value));
	});
}());
