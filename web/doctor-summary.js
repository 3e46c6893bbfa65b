/*
 * "Summary for your doctor": a clean, printable view of one symptom check, drawn from the `summary` fields of the
 * bot's triage payload (muscle_triage/triage/summary.py). The triage card's control opens it (web/triage-card.js).
 *
 * While it is open, the page shows the summary alone (body.doctor-summary-open, webchat.css), so the browser's
 * own print dialog prints it, or saves it as a PDF; nothing is generated or stored anywhere. "Back to the chat"
 * or Escape closes it and puts focus back on the control that opened it. Every value goes in as text.
 *
 * Usage: DoctorSummary.open(summaryFields, openerElement).
 */
(function () {
  "use strict";

  var OPEN_CLASS = "doctor-summary-open";
  var view = null;
  var opener = null;

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function quoted(title) {
    return "\u201c" + title + "\u201d";
  }

  function list(value) {
    return Array.isArray(value) ? value : [];
  }

  function factsTable(facts, assumedNote) {
    var table = el("table", "doctor-summary__facts");
    var head = table.createTHead().insertRow();
    ["Question", "In your words", "How the assistant read it"].forEach(function (title) {
      var cell = el("th", null, title);
      cell.scope = "col";
      head.appendChild(cell);
    });
    var body = table.createTBody();
    list(facts).forEach(function (fact) {
      var row = body.insertRow();
      var name = el("th", null, fact.name);
      name.scope = "row";
      row.appendChild(name);
      row.appendChild(el("td", null, fact.said ? quoted(fact.said) : "\u2014"));
      var read = el("td", null, fact.read);
      if (fact.assumed) {
        read.appendChild(el("span", "doctor-summary__assumed", " (" + assumedNote + ")"));
      }
      row.appendChild(read);
    });
    return table;
  }

  function reasonItem(reason) {
    var item = el("li");
    item.appendChild(el("strong", null, reason.fact + ". "));
    item.appendChild(document.createTextNode(reason.why || ""));
    if (reason.section) item.appendChild(el("span", "doctor-summary__section", "Article section: " + quoted(reason.section)));
    if (reason.own_reading) item.appendChild(el("span", "doctor-summary__note", "Note: " + reason.own_reading));
    return item;
  }

  function heading(text) {
    return el("h2", "doctor-summary__heading", text);
  }

  function build(summary) {
    var root = el("section", "doctor-summary");
    root.id = "doctor-summary";
    root.setAttribute("aria-labelledby", "doctor-summary-title");

    var tools = el("div", "doctor-summary__tools");
    var back = el("button", "doctor-summary__button", "Back to the chat");
    back.type = "button";
    back.addEventListener("click", close);
    var print = el("button", "doctor-summary__button doctor-summary__button--main", "Print or save as PDF");
    print.type = "button";
    print.addEventListener("click", function () {
      window.print();
    });
    tools.appendChild(back);
    tools.appendChild(print);
    root.appendChild(tools);

    var title = el("h1", "doctor-summary__title", summary.title);
    title.id = "doctor-summary-title";
    title.tabIndex = -1;
    root.appendChild(title);
    var date = el("p", "doctor-summary__date", "Date of the check: ");
    var time = el("time", null, summary.date_text);
    time.dateTime = summary.date || "";
    date.appendChild(time);
    root.appendChild(date);
    root.appendChild(el("p", "doctor-summary__intro", summary.intro));

    root.appendChild(heading("What you said"));
    root.appendChild(factsTable(summary.facts, summary.assumed_note));

    root.appendChild(heading("Result"));
    var level = el("p", "doctor-summary__level doctor-summary__level--" + summary.level);
    level.appendChild(el("strong", null, summary.level_name + ". "));
    level.appendChild(document.createTextNode(summary.level_line || ""));
    root.appendChild(level);
    root.appendChild(el("p", "doctor-summary__kind", summary.kind));
    root.appendChild(heading("Why"));
    var reasons = el("ul", "doctor-summary__reasons");
    list(summary.reasons).forEach(function (reason) {
      reasons.appendChild(reasonItem(reason || {}));
    });
    root.appendChild(reasons);

    root.appendChild(heading("Warning signs to watch for"));
    root.appendChild(el("p", null, summary.watch_for));
    var signs = el("ul", "doctor-summary__signs");
    list(summary.warning_signs).forEach(function (sign) {
      signs.appendChild(el("li", null, sign));
    });
    root.appendChild(signs);

    root.appendChild(el("p", "doctor-summary__disclaimer", summary.disclaimer));
    root.appendChild(el("p", "doctor-summary__source", "Source: " + summary.article));
    return root;
  }

  function onKey(event) {
    if (event.key === "Escape") close();
  }

  function open(summary, from) {
    if (!summary || typeof summary !== "object") return;
    if (view) view.remove();
    opener = from || null;
    view = build(summary);
    document.body.appendChild(view);
    document.body.classList.add(OPEN_CLASS);
    document.addEventListener("keydown", onKey);
    window.scrollTo(0, 0);
    view.querySelector("#doctor-summary-title").focus();
  }

  function close() {
    if (!view) return;
    view.remove();
    view = null;
    document.body.classList.remove(OPEN_CLASS);
    document.removeEventListener("keydown", onKey);
    if (opener && document.contains(opener)) opener.focus();
    opener = null;
  }

  window.DoctorSummary = { open: open, close: close };
})();
