// referat search page: only makes the server-rendered page nicer; everything works without it.
// - ticking a facet or choosing an order submits the search form at once;
// - the search box gets suggestions from /api/v1/suggest in its <datalist>.
(function () {
  "use strict";
  document.documentElement.classList.add("js");

  var form = document.getElementById("soeg");
  if (!form) return;

  document.addEventListener("change", function (event) {
    var target = event.target;
    if (!target || target.getAttribute("form") !== "soeg") return;
    if (target.type === "checkbox" || target.tagName === "SELECT") {
      if (form.requestSubmit) form.requestSubmit(); else form.submit();
    }
  });

  var box = document.getElementById("q");
  var list = document.getElementById("q-forslag");
  if (!box || !list || !window.fetch) return;
  var timer = null;
  var latest = "";

  function fill(suggestions) {
    while (list.firstChild) list.removeChild(list.firstChild);
    suggestions.forEach(function (s) {
      var option = document.createElement("option");
      option.value = s.text; // set as a property: never parsed as HTML
      list.appendChild(option);
    });
  }

  function ask(prefix) {
    latest = prefix;
    fetch("/api/v1/suggest?q=" + encodeURIComponent(prefix) + "&limit=8", {
      headers: { Accept: "application/json" }
    })
      .then(function (r) { return r.ok ? r.json() : { suggestions: [] }; })
      .then(function (body) { if (prefix === latest) fill(body.suggestions || []); })
      .catch(function () { /* suggestions are optional */ });
  }

  box.addEventListener("input", function () {
    var prefix = box.value.trim();
    clearTimeout(timer);
    if (prefix.length < 2) { fill([]); return; }
    timer = setTimeout(function () { ask(prefix); }, 150);
  });
})();
