/* The projector's People's Assembly scenes: the body's classes pick the scene and colour theme;
   timers run against the server's clock; twinkles float up; a chime is made in the browser;
   released questions and the word cloud. */
"use strict";

(function () {
  var make = Kiosk.make, clear = Kiosk.clear, twice = Kiosk.twice, put = Kiosk.put;
  var state = JSON.parse(document.getElementById("snapshot").textContent);
  var proc = state.process;
  var AGREE = { all: Kiosk.t("All of us"), most: Kiosk.t("Most of us"), some: Kiosk.t("Some of us") };
  var audio = null, chimed = {}, running = {}, shown = {};

  /* Mark an element new (it pops in) only the first time its key is drawn. */
  function fresh(el, key) {
    if (!shown[key]) { shown[key] = true; el.classList.add("fresh"); }
    return el;
  }

  function $(id) { return document.getElementById(id); }

  function setBodyClass(prefix, value) {
    var body = document.body;
    Array.prototype.slice.call(body.classList).forEach(function (c) {
      if (c.indexOf(prefix) === 0) body.classList.remove(c);
    });
    body.classList.add(prefix + value);
  }

  function drawWords(p) {
    var item = p.item || {};
    put($("welcome-line"), (item.kind === "welcome" && item.notes) || twice("Welcome, neighbour!"));
    put($("question-title"), item.kind === "question" ? item.title : twice("Tonight's question"));
    $("question-text").textContent = (item.kind === "question" && item.notes) || item.title || "";
    Kiosk.place("destination", p.destination || "…");
    $("energiser-title").textContent = item.kind === "energiser" ? item.title : "";
    $("energiser-notes").textContent = item.kind === "energiser" ? item.notes : "";
    put($("close-line"), (item.kind === "close" && item.notes) || twice("Thank you!"));
  }

  function drawGroups(p) {
    var map = $("group-map");
    clear(map);
    var groups = (p.breakout && p.breakout.groups) || [], n = groups.length;
    // A balanced grid filling the main cell, smaller cards the more groups: 2 a row up to 4,
    // 3 to 9, 4 to 16, 5 to 25.
    var columns = Math.max(2, Math.ceil(Math.sqrt(n)));
    map.className = "group-map " + (n <= 4 ? "few" : n <= 9 ? "some" : n <= 16 ? "many" : "crowd");
    map.style.setProperty("--columns", columns);
    map.style.setProperty("--rows", Math.max(1, Math.ceil(n / columns)));
    put($("breakouts-title"), groups.length ? twice("Find your group") : twice("Breakout groups"));
    groups.forEach(function (g) {
      var card = fresh(make("div", "group-card"), "group:" + g.id);
      card.style.setProperty("--group", g.colour);
      card.setAttribute("data-group", g.name);
      card.appendChild(make("span", "group-badge", g.name.charAt(0)));
      card.appendChild(make("h2", "group-name", g.name));
      card.appendChild(make("p", "group-place", g.place + (g.theme ? " · " + g.theme : "")));
      card.appendChild(make("p", "group-count", Kiosk.n("%(num)s person", "%(num)s people", g.members)));
      var roles = [];
      if (g.facilitator_id) roles.push(Kiosk.t("Facilitator: %(name)s", { name: g.facilitator_name || "✓" }));
      if (g.note_taker_id) roles.push(Kiosk.t("Notes: %(name)s", { name: g.note_taker_name || "✓" }));
      card.appendChild(roles.length ? make("p", "group-roles", roles.join(" · "))
        : put(make("p", "group-roles"), twice("Who will facilitate? Who takes notes?")));
      map.appendChild(card);
    });
    if (!groups.length) {
      map.appendChild(put(make("p", "scene-sub"), twice("Groups appear here when the facilitator splits the room.")));
    }
  }

  function drawHarvest(p) {
    var board = $("harvest-board");
    clear(board);
    var titles = {};
    p.harvest.clusters.forEach(function (c) { titles[c.id] = c.title; });
    p.harvest.groups.forEach(function (g) {
      var column = make("div", "harvest-group" + (g.read_back ? " confirmed" : ""));
      column.style.setProperty("--group", g.colour);
      column.appendChild(make("h2", "harvest-name", g.name + (g.read_back ? " ✓" : "")));
      g.points.forEach(function (pt) {
        var note = fresh(make("div", "note agree-" + pt.agreement), "point:" + pt.id);
        note.appendChild(make("p", "note-text", pt.text));
        note.appendChild(make("p", "note-agree", AGREE[pt.agreement] +
          (pt.cluster_id ? " · " + titles[pt.cluster_id] : "")));
        column.appendChild(note);
      });
      if (!g.points.length) column.appendChild(put(make("p", "note-waiting"), twice("…listening")));
      board.appendChild(column);
    });
    var clusters = $("harvest-clusters");
    clear(clusters);
    if (p.harvest.clusters.length) {
      clusters.appendChild(put(make("span", "clusters-label"), twice("Emerging themes")));
      p.harvest.clusters.forEach(function (c) { clusters.appendChild(make("span", "cluster", c.title)); });
    }
  }

  function drawClose(p) {
    var list = $("close-actions");
    clear(list);
    p.actions.forEach(function (a) {
      var li = make("li", null, a.text + " ");
      li.appendChild(make("span", "owner", "— " + a.owner));
      list.appendChild(li);
    });
    Kiosk.place("next-meeting", p.next_meeting);
    $("next-meeting-line").hidden = !p.next_meeting;
  }

  /* The Delegates scene: what the councils did with our proposals, once their report-back came. */
  function drawOutcomes(p) {
    var list = $("outcomes"), outcomes = p.outcomes || [];
    clear(list);
    outcomes.forEach(function (o) {
      var li = make("li", "outcome");
      li.appendChild(make("strong", null, o.text));
      li.appendChild(make("span", "outcome-council", o.council + " · " + o.council_meeting_on));
      li.appendChild(make("span", "outcome-words", o.outcome));
      if (o.seat_voted) {
        li.appendChild(put(make("span", "outcome-seat"), twice("Our delegate voted %(vote)s", { vote: o.seat_voted })));
      }
      list.appendChild(li);
    });
    list.hidden = outcomes.length === 0;
    put($("delegates-title"), outcomes.length ? twice("What happened to our proposals") : twice("Who carries our voice?"));
    $("delegates-sub").hidden = outcomes.length > 0;
  }

  /* What the council did with the decisions of earlier meetings: outcome, words, route, reply. */
  function drawCouncil(p) {
    var list = $("council-did"), shown = p.council_did || [];
    clear(list);
    shown.forEach(function (s) {
      var late = s.overdue ? "late" : (s.outcome || "waiting");
      var li = make("li", late);
      li.appendChild(s.overdue ? put(make("span", "outcome-word"), twice("No reply yet: overdue"))
        : make("span", "outcome-word", s.outcome_label));
      var words = make("div");
      words.appendChild(make("p", "wording", "“" + s.wording + "”"));
      var how = { route: s.route_label, day: s.sent_day, reply: s.reply };
      words.appendChild(make("p", "how", s.reply ? Kiosk.t("%(route)s, sent %(day)s. They said: “%(reply)s”", how)
        : Kiosk.t("%(route)s, sent %(day)s", how)));
      li.appendChild(words);
      list.appendChild(li);
    });
    $("council-did-none").hidden = shown.length > 0;
  }

  /* Released questions, most upvoted first; the word cloud once the facilitator shows it. */
  function drawQuestions(p) {
    var list = $("floor-questions"), asked = (p.floor && p.floor.questions) || [];
    clear(list);
    asked.forEach(function (q) {
      var li = fresh(make("li"), "question:" + q.id);
      li.appendChild(make("span", "votes", "▲ " + q.upvotes));
      li.appendChild(make("p", "words", q.text));
      list.appendChild(li);
    });
    $("floor-questions-none").hidden = asked.length > 0;
    var words = (p.floor && p.floor.cloud) || null, cloud = $("word-cloud");
    clear(cloud);
    $("words-prompt").textContent = words ? words.prompt : "";
    if (!words) return;
    var most = Math.max.apply(null, [1].concat(words.words.map(function (w) { return w.count; })));
    words.words.forEach(function (w) {
      var li = make("li", null, w.word);
      li.style.setProperty("--weight", most > 1 ? (w.count - 1) / (most - 1) : 1);
      li.setAttribute("data-count", w.count);
      cloud.appendChild(li);
    });
  }

  /* Confetti falls through the close scene, made once (none under reduced motion: CSS). */
  function drawConfetti() {
    var layer = $("close-confetti");
    if (layer.children.length) return;
    for (var i = 0; i < 36; i++) {
      var bit = make("i");
      bit.style.left = (Math.random() * 100) + "%";
      bit.style.animationDelay = (Math.random() * 5) + "s";
      layer.appendChild(bit);
    }
  }

  function drawFloor(p) {
    var s = p.stack, quiet = ["welcome", "breakouts", "harvest", "close", "energiser", "council", "words"];
    $("floor").hidden = !(s.speaker || s.queue.length) || quiet.indexOf(p.scene) >= 0;
    Kiosk.place("floor-speaker", s.speaker ? (s.speaker.name || Kiosk.t("Someone")) : "—");
    var next = s.queue.slice(0, 3).map(function (e) { return e.name || Kiosk.t("Someone"); });
    var names = next.join(", ") + (s.waiting > 3 ? " +" + (s.waiting - 3) : "");
    if (next.length) put($("floor-next"), twice("Next: %(names)s", { names: names }));
    else clear($("floor-next"));
  }

  /* The timer the scene cares about: breakouts in breakouts, else a speaker, else the item. */
  function shownTimer(p) {
    var t = p.timers;
    if (p.scene === "breakouts") return t.breakouts || t.item;
    if (["question", "proposals", "delegates", "auto"].indexOf(p.scene) >= 0 && t.speaker) return t.speaker;
    return t.item || null;
  }

  function clock(seconds) {
    var s = Math.ceil(seconds), m = Math.floor(s / 60);
    return m + ":" + ("0" + (s % 60)).slice(-2);
  }

  function tick() {
    var t = shownTimer(proc), box = $("big-timer");
    box.hidden = !t || proc.scene === "welcome";
    if (!t) return;
    var left = t.paused ? t.remaining : Math.max(0, t.ends_at - (Date.now() / 1000 + t.offset));
    var share = t.duration ? left / t.duration : 0;
    $("timer-digits").textContent = left > 0 ? clock(left) : Kiosk.t("Time!");
    var label = t.kind === "speaker" ? Kiosk.t("Speaking: %(name)s", { name: t.label }) : t.label;
    $("timer-label").textContent = t.paused ? Kiosk.t("%(timer)s · paused", { timer: label }) : label;
    $("sun-arc").style.strokeDasharray = (100 * share) + " 100";
    // The sun rises on the left and sets on the right; the arc ahead of it is the time left.
    $("sun-disc").setAttribute("cx", 110 + 100 * Math.cos(Math.PI * share));
    $("sun-disc").setAttribute("cy", 110 - 100 * Math.sin(Math.PI * share));
    box.classList.toggle("last-minute", left > 0 && left <= 60);
    box.classList.toggle("done", left <= 0);
    var key = t.kind + ":" + t.ends_at;
    // Chime once, and only for a timer this page watched run out (not after a reload).
    if (left > 0 && !t.paused) running[key] = true;
    else if (left <= 0 && running[key] && !chimed[key]) { chimed[key] = true; chime(); }
  }

  /* A gentle two-note bell, made here: no sound file is fetched. */
  function chime() {
    if (!audio) return;
    [660, 990].forEach(function (freq, i) {
      var osc = audio.createOscillator(), gain = audio.createGain(), at = audio.currentTime + i * 0.35;
      osc.frequency.value = freq;
      osc.type = "sine";
      gain.gain.setValueAtTime(0.0001, at);
      gain.gain.exponentialRampToValueAtTime(0.3, at + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, at + 2.2);
      osc.connect(gain).connect(audio.destination);
      osc.start(at);
      osc.stop(at + 2.3);
    });
  }

  Kiosk.chime = function () { if (audio) chime(); };

  function unlockAudio() {
    var Ctx = window.AudioContext || window.webkitAudioContext;
    if (!audio && Ctx) audio = new Ctx();
    if (audio && audio.state === "suspended") audio.resume();
  }
  ["click", "keydown", "touchstart"].forEach(function (e) { document.addEventListener(e, unlockAudio); });

  function stampTimers(timers) {
    Object.keys(timers).forEach(function (k) { stampTimer(timers[k]); });
  }

  function stampTimer(t) {
    if (t) t.offset = t.now - Date.now() / 1000;  // the server's clock minus ours
    return t;
  }

  function render() {
    var p = proc;
    setBodyClass("scene-", p.scene);
    setBodyClass("theme-", p.theme);
    drawWords(p);
    drawGroups(p);
    drawHarvest(p);
    drawClose(p);
    drawOutcomes(p);
    drawCouncil(p);
    drawQuestions(p);
    drawFloor(p);
    if (p.scene === "close") drawConfetti();
    tick();
    if (Kiosk.layout) Kiosk.layout();
  }

  function twinkle(kind, count) {
    if (!proc.twinkles || window.matchMedia("(prefers-reduced-motion: reduce)").matches) return;
    var layer = $("twinkles");
    for (var i = 0; i < Math.min(count, 12); i++) {
      var bit = make("i", "twinkle twinkle-" + kind);
      bit.style.left = (Math.random() * 88) + "vw";
      bit.style.animationDelay = (Math.random() * 1.2) + "s";
      bit.addEventListener("animationend", function (e) { e.target.remove(); });
      layer.appendChild(bit);
    }
  }

  function adopt(part) {
    proc = part;
    stampTimers(proc.timers);
    render();
  }

  Kiosk.extend(function (socket) {
    socket.on("process", adopt);
    socket.on("timer", function (update) {
      if (update.timer) proc.timers[update.kind] = stampTimer(update.timer);
      else delete proc.timers[update.kind];
      tick();
    });
    socket.on("signals", function (report) {
      Object.keys(report.burst).forEach(function (kind) {
        if (kind === "agree" || kind === "disagree") twinkle(kind, report.burst[kind]);
      });
    });
  }, function (snapshot) { adopt(snapshot.process); });

  adopt(proc);
  setInterval(tick, 250);
})();
