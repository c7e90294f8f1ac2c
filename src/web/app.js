// cirt serve: the little the pages need beyond HTML, built into the binary.
// Everything works without it.
(function () {
	"use strict";
	document.addEventListener("DOMContentLoaded", function () {
		// what a change did (saved, refused, a warning) is read out first
		var said = document.querySelector("[role=alert], .msg.ok");
		if (said) {
			said.setAttribute("tabindex", "-1");
			said.focus();
		}
	});
	// n and p (outside text fields) go to the next and previous question
	document.addEventListener("keydown", function (ev) {
		var t = ev.target.tagName;
		if (ev.altKey || ev.ctrlKey || ev.metaKey || t === "INPUT" || t === "TEXTAREA" || t === "SELECT")
			return;
		var rel = ev.key === "n" ? "next" : ev.key === "p" ? "prev" : null;
		var link = rel && document.querySelector("a[rel=" + rel + "]");
		if (link)
			window.location.href = link.getAttribute("href");
	});
})();
