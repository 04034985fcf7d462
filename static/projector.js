/* The projector: the join QR, live counts, the outcome revealed, and everything fitted to the
   screen. projector_scenes.js draws the People's Assembly scenes around it. */
"use strict";

(function () {
  var current, revealed = {}, drawnStatus = {};
  var still = window.matchMedia("(prefers-reduced-motion: reduce)");

  function $(id) { return document.getElementById(id); }

  /* The projector's second language, when the meeting has one: its code and script words. */
  var second = (function () {
    var el = $("script-words-also");
    return el ? JSON.parse(el.textContent) : null;
  })();

  function fill(text, values) {
    return text.replace(/%\((\w+)\)s/g, function (whole, name) {
      return values && name in values ? String(values[name]) : whole;
    });
  }

  /* Say a prompt in the meeting's language and, on a bilingual projector, in the second one
     beside it (marked with its lang for screen readers), as one fragment to put in a box. */
  function twice(message, values) {
    var said = document.createDocumentFragment(), first = Kiosk.t(message, values);
    said.appendChild(document.createTextNode(first));
    if (second) {
      var found = second.words[message];
      var other = fill(typeof found === "string" ? found : message, values);
      if (other !== first) {
        var span = Kiosk.make("span", "also", other);
        span.lang = second.lang;
        said.appendChild(document.createTextNode(" "));
        said.appendChild(span);
      }
    }
    return said;
  }

  /* Put what is said (text or fragments, in order) in place of an element's children. */
  function put(el) {
    Kiosk.clear(el);
    Array.prototype.slice.call(arguments, 1).forEach(function (part) {
      el.appendChild(typeof part === "string" ? document.createTextNode(part) : part);
    });
    return el;
  }

  /* Write a value into its element and its copy in the second language's sentence. */
  function place(id, text) {
    $(id).textContent = text;
    Array.prototype.forEach.call(document.getElementsByClassName(id + "-also"), function (el) {
      el.textContent = text;
    });
  }
  Kiosk.twice = twice;
  Kiosk.put = put;
  Kiosk.place = place;

  /* Shrink an element's text (its --fit) until its content fits its box, at most to a third. */
  function fit(el) {
    if (!el || el.offsetParent === null) return;
    var low = 0.33, high = 1;
    el.style.setProperty("--fit", "1");
    if (fits(el)) return;
    for (var i = 0; i < 7; i++) {
      var mid = (low + high) / 2;
      el.style.setProperty("--fit", String(mid));
      if (fits(el)) low = mid; else high = mid;
    }
    el.style.setProperty("--fit", String(low));
  }

  function fits(el) {
    return el.scrollHeight <= el.clientHeight && el.scrollWidth <= el.clientWidth;
  }

  /* Lay the screen out: which of the round and the scene holds the main cell, then fit it. */
  function layout() {
    var shown = Kiosk.roundHere(current.round, current.process);
    $("round").hidden = !shown;
    document.body.classList.toggle("has-round", shown);
    fit($("round"));
    Array.prototype.forEach.call(document.querySelectorAll(".scene"), fit);
  }

  /* Let the join address break after its slashes and dots, never inside a word. */
  function drawUrl() {
    var el = $("join-url"), url = el.getAttribute("data-url");
    Kiosk.clear(el);
    url.split(/(?<=[/.:])/).forEach(function (part, i) {
      if (i) el.appendChild(document.createElement("wbr"));
      el.appendChild(document.createTextNode(part));
    });
  }

  /* A consent round that passed is consensus: a moment of confetti. */
  function consensus(rnd) {
    return rnd.kind === "consent" && rnd.outcome === "passed";
  }

  function burst() {
    var layer = $("burst");
    Kiosk.clear(layer);
    for (var i = 0; i < 70; i++) {
      var bit = Kiosk.make("i");
      bit.style.left = (Math.random() * 100) + "vw";
      bit.style.animationDelay = (Math.random() * 1.2) + "s";
      layer.appendChild(bit);
    }
    setTimeout(function () { Kiosk.clear(layer); }, 7000);
  }

  /* When this page sees a round close: bars grow to the result, a chime if wanted, confetti. */
  function reveal(rnd) {
    var was = drawnStatus[rnd.id];
    drawnStatus[rnd.id] = rnd.status;
    if (rnd.status !== "closed" || was !== "open" || revealed[rnd.id]) return;
    revealed[rnd.id] = true;
    if (still.matches) return;  // quiet: no motion, no sound
    var box = $("round");
    box.classList.remove("reveal");
    void box.offsetWidth;  // restart the animation
    box.classList.add("reveal");
    setTimeout(function () { box.classList.remove("reveal"); }, 4000);
    if (current.process.chime && Kiosk.chime) Kiosk.chime();
    if (consensus(rnd)) burst();
  }

  function render(state) {
    current = state;
    Kiosk.drawAttendance(state.attendance);
    var rnd = state.round;
    if (rnd) {
      put($("round-rule"), rnd.status === "open" ? twice("Vote now") : twice("Round closed"),
        " · " + rnd.rule_label);
      if (rnd.visibility === "secret") $("round-rule").append(" · ", twice("Secret ballot"));
      $("round-text").textContent = rnd.text;
      Kiosk.drawRound(rnd, state.attendance.present);
      var outcome = $("outcome");
      outcome.hidden = rnd.status !== "closed";
      outcome.textContent = rnd.explanation || "";
      outcome.className = "outcome outcome-" + (rnd.outcome || "none");
    }
    layout();
    if (rnd) reveal(rnd);
  }

  var view = Kiosk.follow("projector", render);
  view.socket.on("process", function (part) {
    current.process = part;
    layout();
  });
  Kiosk.layout = layout;
  drawUrl();
  window.addEventListener("resize", layout);
})();
