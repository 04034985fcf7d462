/* Shared by every live page: connect, say hello on every (re)connect, show the connection. */
"use strict";

window.Kiosk = (function () {
  function setConnection(text, ok) {
    var el = document.getElementById("connection");
    if (!el) return;
    el.textContent = text;
    el.className = "connection " + (ok ? "online" : "offline");
  }

  /* Connect as role; call onSnapshot with the full state after every (re)connect. */
  function connect(role, code, onSnapshot) {
    // Websocket only: with several workers a page must keep to its one connection (no polling
    // requests that another worker would answer); a phone without it keeps the plain forms.
    // The socket speaks its page's language, so a refusal reads in the words around it.
    var socket = io({ transports: ["websocket"], reconnectionDelay: 500, reconnectionDelayMax: 2000,
                      query: { lang: document.documentElement.lang } });
    socket.on("connect", function () {
      socket.emit("hello", { role: role, code: code }, function (reply) {
        if (reply && reply.ok) {
          onSnapshot(reply.snapshot);
          last = { snapshot: reply.snapshot, socket: socket };
          hooks.snapshot.forEach(function (hook) { hook(reply.snapshot, socket); });
          setConnection(Kiosk.t("connected"), true);  // in step with the kiosk: its snapshot is drawn
        } else {
          setConnection((reply && reply.error) || Kiosk.t("not connected"), false);
        }
      });
    });
    socket.on("disconnect", function () { setConnection(Kiosk.t("reconnecting…"), false); });
    socket.on("connect_error", function () { setConnection(Kiosk.t("reconnecting…"), false); });
    socket.on("meeting_changed", function () { window.location.reload(); });
    socket.on("title", function (named) {  // the assembly was renamed: so was the meeting
      Array.prototype.forEach.call(document.querySelectorAll("[data-meeting-title]"), function (el) {
        el.textContent = named.title;
      });
    });
    sockets.push(socket);
    hooks.socket.forEach(function (hook) { hook(socket, role); });
    return socket;
  }

  /* Let an extra script on a page see its socket (made before or after) and every snapshot. */
  var hooks = { socket: [], snapshot: [] }, sockets = [], last = null;
  function extend(onSocket, onSnapshot) {
    if (onSocket) {
      hooks.socket.push(onSocket);
      sockets.forEach(function (socket) { onSocket(socket); });
    }
    if (onSnapshot) {
      hooks.snapshot.push(onSnapshot);
      // A script that arrives after the kiosk answered hello (a slow phone) still starts from
      // it, once the rest of that script has set itself up.
      if (last) {
        var seen = last;
        setTimeout(function () { onSnapshot(seen.snapshot, seen.socket); }, 0);
      }
    }
  }

  /* The page's translations of the words scripts write (none in English: the text is the key). */
  var scriptWords = (function () {
    var el = document.getElementById("script-words");
    return el ? JSON.parse(el.textContent) : {};
  })();
  /* Which plural form a count takes, as each catalogue's Plural-Forms header says. */
  var pluralForms = {
    cy: function (n) { return n === 0 ? 0 : n === 1 ? 1 : n === 2 ? 2 : n === 3 ? 3 : n === 6 ? 4 : 5; },
    pl: function (n) {
      return n === 1 ? 0 : n % 10 >= 2 && n % 10 <= 4 && (n % 100 < 12 || n % 100 > 14) ? 1 : 2;
    },
    ro: function (n) { return n === 1 ? 0 : n === 0 || (n % 100 >= 1 && n % 100 <= 19) ? 1 : 2; },
    bn: function (n) { return n > 1 ? 1 : 0; }
  };
  function fill(text, values) {
    return text.replace(/%\((\w+)\)s/g, function (whole, name) {
      return values && name in values ? String(values[name]) : whole;
    });
  }
  /* Translate a message into the page's language and fill in its %(name)s values. */
  function t(message, values) {
    var found = scriptWords[message];
    return fill(typeof found === "string" ? found : message, values);
  }
  /* Translate a message that depends on a count, n; %(num)s is the count. */
  function n(singular, plural, num, values) {
    var found = scriptWords[singular], all = Object.assign({ num: num }, values || {});
    if (Array.isArray(found)) {
      var form = (pluralForms[document.documentElement.lang] || function (k) { return k !== 1 ? 1 : 0; })(num);
      return fill(found[form] || found[found.length - 1], all);
    }
    return fill(num === 1 ? singular : plural, all);
  }

  /* Remove every child of el. */
  function clear(el) {
    while (el.firstChild) el.removeChild(el.firstChild);
  }

  /* Make an element with a class and text (never HTML). */
  function make(tag, className, text) {
    var el = document.createElement(tag);
    if (className) el.className = className;
    if (text !== undefined && text !== null) el.textContent = text;
    return el;
  }

  /* The total a pass line is measured against: those voting yes or no, or those present. */
  function thresholdBase(rnd, present) {
    if (!rnd.threshold) return 0;
    if (rnd.threshold.base === "present") return present;
    return (rnd.counts.yes || 0) + (rnd.counts.no || 0);
  }

  /* Draw one labelled bar per option, and the pass line where the rule has one. */
  function drawBars(container, rnd, present) {
    clear(container);
    var counts = rnd.counts || {};
    var base = thresholdBase(rnd, present);
    var most = 1;
    rnd.options.forEach(function (o) { most = Math.max(most, counts[o.value] || 0); });
    var scale = base > 0 ? Math.max(base, most) : most;
    rnd.options.forEach(function (o) {
      var n = counts[o.value] || 0;
      var row = make("div", "bar-row bar-" + o.value);
      row.setAttribute("data-choice", o.value);
      row.appendChild(make("span", "bar-label", o.label));
      var track = make("span", "bar-track");
      var fill = make("span", "bar-fill");
      fill.style.width = (100 * n / scale) + "%";
      track.appendChild(fill);
      if (base > 0 && o.value === rnd.threshold.choice) {
        var line = make("span", "threshold-line");
        line.style.insetInlineStart = (rnd.threshold.percent * base / scale) + "%";
        line.title = Kiosk.t("Pass line: %(percent)s", { percent: rnd.threshold.percent.toFixed(1).replace(/\.0$/, "") + "%" });
        track.appendChild(line);
      }
      row.appendChild(track);
      row.appendChild(make("span", "bar-count", String(n)));
      container.appendChild(row);
    });
  }

  /* Say how many have responded out of those present, and what the pass line needs. */
  function respondedText(rnd, present) {
    var text = Kiosk.t("%(responded)s of %(present)s present have responded",
      { responded: rnd.responded, present: present });
    if (rnd.threshold && !rnd.hidden) {
      var base = thresholdBase(rnd, present);
      var line = {
        percent: rnd.threshold.percent.toFixed(1).replace(/\.0$/, "") + "%",
        yes: Math.ceil(rnd.threshold.percent * base / 100 - 1e-9)
      };
      text += " · " + (rnd.threshold.base === "voting"
        ? Kiosk.t("passes at %(percent)s of those voting (%(yes)s yes)", line)
        : Kiosk.t("passes at %(percent)s of those present (%(yes)s yes)", line));
    }
    return text;
  }

  /* Show counts, or say they are hidden; after close, winners and where the counts came from. */
  function drawRound(rnd, present) {
    var bars = document.getElementById("bars");
    var hiddenNote = document.getElementById("hidden-note");
    bars.hidden = rnd.hidden;
    hiddenNote.hidden = !rnd.hidden;
    hiddenNote.textContent = Kiosk.t("Votes are hidden until the round closes.");
    if (rnd.hidden) clear(bars); // no bars, not even the last round's, while counts are hidden
    else drawBars(bars, rnd, present);
    document.getElementById("responded").textContent = respondedText(rnd, present);
    var winners = document.getElementById("winners");
    winners.hidden = !(rnd.winners && rnd.winners.length);
    winners.textContent = rnd.winners ? Kiosk.t("Chosen: %(winners)s", { winners: rnd.winners.join(", ") }) : "";
    var sources = document.getElementById("sources");
    var parts = [];
    var names = { phones: Kiosk.t("phones"), hands: Kiosk.t("raised hands"), cards: Kiosk.t("cards"), paper: Kiosk.t("paper") };
    Object.keys(rnd.sources || {}).forEach(function (key) {
      var total = 0;
      Object.keys(rnd.sources[key]).forEach(function (c) { total += rnd.sources[key][c]; });
      if (total) parts.push((names[key] || key) + " " + total);
    });
    sources.hidden = parts.length < 2;
    sources.textContent = Kiosk.t("Counted from %(sources)s", { sources: parts.join(", ") });
  }

  /* Keep a room-wide view (projector, console) in step: snapshot, then counts and rounds. */
  function follow(role, render) {
    var view = { state: JSON.parse(document.getElementById("snapshot").textContent), asOf: 0 };
    view.socket = connect(role, null, function (snapshot) {
      view.state = snapshot;
      render(view.state);
    });
    view.socket.on("counts", function (update) {
      // Several workers announce counts: keep the latest, even if an older one arrives after it.
      if (update.as_of < view.asOf) return;
      view.asOf = update.as_of;
      var rnd = view.state.round;
      view.state.attendance = update.attendance;
      if (update.round && rnd && update.round.id === rnd.id) {
        ["counts", "responded", "sources", "hidden", "reasons"].forEach(function (k) {
          rnd[k] = update.round[k];
        });
      }
      render(view.state);
    });
    view.socket.on("round", function (rnd) {
      view.state.round = rnd;
      render(view.state);
    });
    render(view.state);
    return view;
  }

  /* Whether a round belongs on the big screen (and the console's stage) now: an open one always;
     a closed one in the stage where it was opened (proposals or delegates), when put up by
     hand, or with no agenda running. */
  function roundHere(rnd, proc) {
    if (!rnd) return false;
    if (rnd.status === "open" || !proc || proc.scene === "auto") return true;
    if (proc.scene !== "proposals" && proc.scene !== "delegates") return false;
    if (proc.overridden) return true;
    return proc.stage_started_at !== null && rnd.opened_at >= proc.stage_started_at;
  }

  /* A hidden field with this page's form token, for a form drawn by a script that posts. */
  function tokenField() {
    var field = make("input");
    field.type = "hidden";
    field.name = "csrf_token";
    field.value = document.querySelector("meta[name=csrf-token]").getAttribute("content");
    return field;
  }

  /* Show the attendance numbers wherever the page has them. */
  function drawAttendance(a) {
    document.getElementById("present").textContent = a.present;
    document.getElementById("residents").textContent = a.residents;
    document.getElementById("first-timers").textContent = a.first_timers;
  }

  return { connect: connect, follow: follow, drawAttendance: drawAttendance, clear: clear, make: make, drawBars: drawBars, drawRound: drawRound,
           respondedText: respondedText, tokenField: tokenField, roundHere: roundHere,
           extend: extend, t: t, n: n };
})();
