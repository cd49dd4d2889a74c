// SPDX-License-Identifier: GPL-3.0-or-later
// Runs the site's search (html/search.js with a language's index) in
// Node, without a page: one query per line of standard input, one answer
// per line, as "by: page@class ...".  Or, with --explain, turns the
// JSON of `codedoc explain --json` (one document per line) into the same
// lines, so that test_help can compare the two matchers.
"use strict";
const fs = require("fs");
const lines = fs.readFileSync(0, "utf8").split("\n").filter((l) => l !== "");
const show = (by, hits) => by + ":" + hits.map((h) => " " + h).join("");

if (process.argv[2] === "--explain") {
	for (const l of lines) {
		const r = JSON.parse(l);
		console.log(show(r.by, r.matches.map((m) => m.page + "@" + (m.class ? m.class.id : ""))));
	}
} else {
	global.window = { location: { search: "" } };
	require(process.argv[2] + "/" + process.argv[3] + "/search-index.js");
	require(process.argv[2] + "/search.js");
	for (const q of lines) {
		const r = window.codedocSearch(q);
		console.log(show(r.by, r.hits.map((h) => window.codedocIndex.codes[h.i].u + "@" + h.cls)));
	}
}
