/*
 * The symptom check's result as a card, drawn from the bot's custom payload
 * {"triage": {level, contraction, subtype, reasons: [{fact, why, section, own_reading}], causes, advice,
 *             warning_signs, general_advice, sources, summary}}
 * (muscle_triage/triage/reply.py). rasa-webchat renders it through its `customComponent` prop.
 *
 * rasa-webchat's script-tag bundle carries its own React but does not expose it, so this file builds React
 * elements as the plain objects React.createElement returns ({$$typeof, type, key, ref, props}). Every value
 * from the payload goes in as a text child, which React escapes: nothing here is parsed as HTML.
 * Any other custom payload renders nothing; the bot's text message already says the same thing in words.
 * For screen readers the card is a heading (the urgency), then the kind, then the reasons, causes and advice
 * as lists under their own headings. It ends with the "Summary for your doctor" control (web/doctor-summary.js).
 */
(function () {
  "use strict";

  var ELEMENT = typeof Symbol === "function" && Symbol.for ? Symbol.for("react.element") : 0xeac7;

  function h(type, props) {
    var children = Array.prototype.slice.call(arguments, 2).filter(function (child) {
      return child !== null && child !== undefined && child !== false;
    });
    var allProps = {};
    Object.keys(props || {}).forEach(function (name) {
      if (name !== "key") allProps[name] = props[name];
    });
    if (children.length === 1) allProps.children = children[0];
    else if (children.length > 1) allProps.children = children;
    var key = props && props.key !== undefined ? String(props.key) : null;
    return { $$typeof: ELEMENT, type: type, key: key, ref: null, props: allProps, _owner: null };
  }

  var LEVELS = {
    emergency: {
      badge: "Emergency",
      line: "Call your local emergency number now. Don't wait for this chat."
    },
    specialist: {
      badge: "See a doctor",
      line: "Worth getting checked by a doctor or specialist."
    },
    self_care: {
      badge: "Self-care",
      line: "Usually something you can look after yourself, as long as you watch for the warning signs."
    }
  };

  var CONTRACTIONS = {
    spasm: "Muscle spasm",
    twitch: "Muscle twitch",
    unclear: "Unclear: it could be a spasm or a twitch"
  };

  // Labels as the article's facts file names them (muscle_triage/knowledge/article_facts.yml).
  var SUBTYPES = {
    skeletal: "Skeletal muscle spasms",
    smooth: "Smooth muscle spasms",
    ischemic: "Ischemic muscle spasms",
    spasticity: "Spasticity",
    clonus: "Clonus",
    fasciculation: "Fasciculations"
  };

  function text(value) {
    return typeof value === "string" || typeof value === "number" ? String(value) : "";
  }

  function list(value) {
    return Array.isArray(value) ? value : [];
  }

  function quoted(title) {
    return "\u201c" + title + "\u201d";
  }

  function sentence(value) {
    var line = text(value).trim();
    return line && !/[.!?]$/.test(line) ? line + "." : line;
  }

  function reasonItem(reason, index) {
    reason = reason || {};
    return h(
      "li",
      { key: "reason-" + index, className: "triage-card__reason" },
      h("span", { className: "triage-card__fact" }, sentence(reason.fact)),
      " ",
      h("span", { className: "triage-card__why" }, text(reason.why)),
      text(reason.section)
        ? h("span", { className: "triage-card__section" }, "Article section: " + quoted(text(reason.section)))
        : null,
      // The assistant's own reading where the article sets no rule (muscle_triage/triage/rules.py says which).
      text(reason.own_reading)
        ? h("span", { className: "triage-card__own-reading" }, "Note: " + text(reason.own_reading))
        : null
    );
  }

  function plainList(title, items, className) {
    items = list(items).map(text).filter(Boolean);
    if (!items.length) return null;
    return h(
      "div",
      { className: "triage-card__block " + className },
      h("h4", { className: "triage-card__heading" }, title),
      h(
        "ul",
        { className: "triage-card__list" },
        items.map(function (item, index) {
          return h("li", { key: className + "-" + index }, item);
        })
      )
    );
  }

  function kindLine(triage) {
    var kind = CONTRACTIONS[triage.contraction] || text(triage.contraction) || CONTRACTIONS.unclear;
    var subtype = SUBTYPES[triage.subtype] || text(triage.subtype);
    if (!subtype || triage.contraction === "unclear") return kind;
    return kind + " (closest kind in the article: " + subtype + ")";
  }

  // Opens the printable summary for a doctor (web/doctor-summary.js), where the page has it.
  function summaryControl(summary) {
    if (!summary || typeof summary !== "object" || !window.DoctorSummary) return null;
    return h(
      "button",
      {
        type: "button",
        className: "triage-card__summary",
        onClick: function (event) {
          window.DoctorSummary.open(summary, event.currentTarget);
        }
      },
      "Summary for your doctor"
    );
  }

  function TriageCard(props) {
    var triage = props && props.triage;
    if (!triage || typeof triage !== "object") return null;
    var level = LEVELS[triage.level] ? triage.level : "unknown";
    var levelInfo = LEVELS[level] || { badge: text(triage.level) || "Result", line: "" };
    var reasons = list(triage.reasons);
    var sources = list(triage.sources).map(text).filter(Boolean);

    // A screen reader meets a heading (what the result is), then the reasons, causes and advice as lists.
    return h(
      "section",
      { className: "triage-card triage-card--" + level, "data-level": level },
      h(
        "header",
        { className: "triage-card__level" },
        h(
          "h3",
          { className: "triage-card__title" },
          h("span", { className: "chat-visually-hidden" }, "Symptom check result: "),
          h("span", { className: "triage-card__badge" }, levelInfo.badge)
        ),
        levelInfo.line ? h("p", { className: "triage-card__level-line" }, levelInfo.line) : null
      ),
      h(
        "div",
        { className: "triage-card__body" },
        h(
          "p",
          { className: "triage-card__kind" },
          h("span", { className: "triage-card__label" }, "Kind of contraction: "),
          h("strong", null, kindLine(triage))
        ),
        reasons.length
          ? h(
              "div",
              { className: "triage-card__block triage-card__reasons" },
              h("h4", { className: "triage-card__heading" }, "Why"),
              h("ul", { className: "triage-card__list" }, reasons.map(reasonItem))
            )
          : null,
        plainList("Possible causes the article links to this", triage.causes, "triage-card__causes"),
        plainList("What the article suggests to help prevent it", triage.advice, "triage-card__advice"),
        plainList("Warning signs to watch for", triage.warning_signs, "triage-card__warning-signs"),
        list(triage.warning_signs).length
          ? h(
              "p",
              { className: "triage-card__watch-for" },
              "See a doctor if any of these appear; for difficulty breathing, call your local emergency number at once."
            )
          : null,
        text(triage.general_advice)
          ? h("p", { className: "triage-card__general-advice" }, text(triage.general_advice))
          : null,
        sources.length
          ? h(
              "p",
              { className: "triage-card__sources" },
              h("span", { className: "triage-card__label" }, "Sections cited: "),
              sources.map(quoted).join(", ")
            )
          : null,
        h(
          "p",
          { className: "triage-card__disclaimer" },
          "Not a diagnosis: this is an automated assistant, not a doctor."
        ),
        summaryControl(triage.summary)
      )
    );
  }

  window.TriageCard = { component: TriageCard, createElement: h };
})();
