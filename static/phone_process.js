/* The phone's part of the People's Assembly: my group and role, the harvest, theme choice,
   the speakers' stack and hand signals. Every action waits for the kiosk's answer. */
"use strict";

(function () {
  var make = Kiosk.make, clear = Kiosk.clear;
  var root = document.getElementById("phone"), code = root.getAttribute("data-code");
  var AGREE = { all: Kiosk.t("All of us"), most: Kiosk.t("Most of us"), some: Kiosk.t("Some of us") };
  var YOU_ARE = { facilitator: Kiosk.t("You are the facilitator."), note_taker: Kiosk.t("You are the note-taker.") };
  var VOLUNTEER = { facilitator: Kiosk.t("I'll be the facilitator"), note_taker: Kiosk.t("I'll be the note-taker") };
  var proc = null, socket = null, breakoutSeen = null, wordsFor = null;

  function $(id) { return document.getElementById(id); }

  function ask(event, data, statusId, done) {
    var status = statusId && $(statusId);
    if (status) { status.textContent = Kiosk.t("Sending…"); status.className = "p-status"; }
    data.code = code;
    socket.timeout(10000).emit(event, data, function (err, reply) {
      var error = err ? Kiosk.t("The kiosk did not answer. Please try again.") : (!reply.ok && reply.error);
      if (status) {
        status.textContent = error || "";
        status.className = "p-status" + (error ? " error" : "");
      }
      if (!error && done) done(reply);
    });
  }

  function myRole(group) {
    if (group.note_taker_id === proc.me_id) return "note_taker";
    if (group.facilitator_id === proc.me_id) return "facilitator";
    return null;
  }

  function drawGroup() {
    var g = proc.group;
    $("p-group").hidden = !g;
    $("p-harvest").hidden = !g;
    if (!g) return;
    $("p-group").style.setProperty("--group", g.colour);
    $("p-group-name").textContent = Kiosk.t("You are in Group %(group)s", { group: g.name });
    $("p-group-place").textContent = g.place + (g.theme ? " · " + g.theme : "");
    var role = myRole(g);
    $("p-role").textContent = role ? YOU_ARE[role] : "";
    $("p-people").textContent = peopleText(g.people);
    var box = $("p-volunteer");
    clear(box);
    ["facilitator", "note_taker"].forEach(function (r) {
      if (g[r + "_id"] || role) return;
      var b = make("button", "button", VOLUNTEER[r]);
      b.type = "button";
      b.addEventListener("click", function () { ask("volunteer", { role: r }, "p-harvest-status", function (reply) { adoptGroup(reply.group); }); });
      box.appendChild(b);
    });
    drawPoints(g, role);
  }

  /* "3 in the group: Amira, Bo and one other": everyone counted, named or not. */
  function peopleText(people) {
    var names = people.map(function (p) { return p.name; }).filter(Boolean);
    var others = people.length - names.length, count = people.length;
    if (!names.length) return Kiosk.n("%(num)s in the group", "%(num)s in the group", count);
    var listed = { names: names.join(", "), others: others };
    if (others === 0) return Kiosk.n("%(num)s in the group: %(names)s", "%(num)s in the group: %(names)s", count, listed);
    if (others === 1) {
      return Kiosk.n("%(num)s in the group: %(names)s and one other",
        "%(num)s in the group: %(names)s and one other", count, listed);
    }
    return Kiosk.n("%(num)s in the group: %(names)s and %(others)s others",
      "%(num)s in the group: %(names)s and %(others)s others", count, listed);
  }

  function drawPoints(g, role) {
    var list = $("p-points");
    clear(list);
    g.points.forEach(function (pt) {
      var li = make("li", "p-point agree-" + pt.agreement, pt.text + " ");
      li.appendChild(make("span", "hint", "(" + AGREE[pt.agreement] + ")"));
      if (role === "note_taker") {
        var x = make("button", "p-remove", Kiosk.t("Remove"));
        x.type = "button";
        x.addEventListener("click", function () { ask("point_remove", { point_id: pt.id }, "p-harvest-status"); });
        li.appendChild(x);
      }
      list.appendChild(li);
    });
    var waiting = role === "note_taker" ? Kiosk.t("Send your group's 2 to 5 points below.") :
      g.note_taker_id ? Kiosk.t("Your note-taker will send the group's points.") : Kiosk.t("Who will take notes?");
    list.hidden = !g.points.length;  // an empty list would still number its first line
    $("p-points-empty").hidden = g.points.length > 0;
    $("p-points-empty").textContent = waiting;
    $("p-point-form").hidden = role !== "note_taker" || g.points.length >= 5;
    $("p-read-back").hidden = g.points.length < 2 || g.read_back;
    if (g.read_back) $("p-harvest-status").textContent = Kiosk.t("Read back and confirmed ✓");
  }

  function drawThemes() {
    var themes = proc.themes || [], running = proc.breakout && proc.breakout.running;
    $("p-theme").hidden = !themes.length || running;
    var box = $("p-theme-choices");
    clear(box);
    themes.forEach(function (t) {
      var chosen = proc.my_theme === t.id;
      var b = make("button", "button" + (chosen ? " primary" : ""), t.name + (chosen ? " ✓" : ""));
      b.type = "button";
      b.setAttribute("aria-pressed", chosen ? "true" : "false");
      b.addEventListener("click", function () {
        ask("theme_pick", { theme_id: t.id }, null, function () { proc.my_theme = t.id; drawThemes(); });
      });
      box.appendChild(b);
    });
  }

  function speaking() {
    var s = proc.stack.speaker;
    return Boolean(s && s.attendee_id === proc.me_id);
  }

  /* The speaker's phone says one thing: your turn. No stack buttons, no "on the stack". */
  function drawStack() {
    var s = proc.stack, me = speaking(), mine = me ? null : proc.my_stack;
    $("p-speaking").hidden = !me;
    $("p-stack").hidden = me && !proc.stack_keeper;  // the speaker needs no stack buttons
    var speaker = s.speaker && (s.speaker.name || Kiosk.t("someone"));
    $("p-floor").textContent = s.speaker && !me ? Kiosk.t("Speaking now: %(name)s", { name: speaker }) : "";
    $("p-stack-join").hidden = Boolean(mine) || me;
    $("p-stack-leave").hidden = !mine;
    if (me) $("p-stack-status").textContent = "";
    if (mine) {
      var place = mine.place || null;  // as the kiosk said when it answered, until the stack moves
      s.queue.forEach(function (e, i) { if (e.id === mine.id) place = i + 1; });
      $("p-stack-status").textContent = place === 1 ? Kiosk.t("You're next!") : place
        ? Kiosk.t("You're on the stack (number %(place)s).", { place: place })
        : Kiosk.t("You're on the stack.");
    }
    $("p-keeper").hidden = !proc.stack_keeper;
    if (proc.stack_keeper) drawQueue(s);
  }

  function drawQueue(s) {
    var list = $("p-queue");
    clear(list);
    s.queue.forEach(function (e) {
      var li = make("li", null, (e.name || Kiosk.t("Someone")) + (e.kind !== "speak" ? " (" + proc.stack_kinds[e.kind] + ")" : "") + " ");
      [[Kiosk.t("Up"), "stack_up"], [Kiosk.t("Remove"), "stack_remove"]].forEach(function (pair) {
        var b = make("button", "p-remove", pair[0]);
        b.type = "button";
        b.addEventListener("click", function () { ask(pair[1], { entry_id: e.id }, "p-stack-status"); });
        li.appendChild(b);
      });
      list.appendChild(li);
    });
  }

  function clock(t) {
    var left = t.paused ? t.remaining : Math.max(0, t.ends_at - (Date.now() / 1000 + t.offset));
    var s = Math.ceil(left);
    return left > 0 ? Math.floor(s / 60) + ":" + ("0" + (s % 60)).slice(-2) + (t.paused ? " " + Kiosk.t("(paused)") : "") : Kiosk.t("Time!");
  }

  function tick() {
    if (!proc) return;
    var group = proc.timers.breakouts, speaker = proc.timers.speaker, me = speaking();
    $("p-group-timer").hidden = !(group && proc.group);
    if (group && proc.group) $("p-group-timer").textContent = Kiosk.t("Time left %(clock)s", { clock: clock(group) });
    $("p-speaker-timer").hidden = !speaker || me;
    $("p-speaking-timer").hidden = !speaker || !me;
    if (speaker) $("p-speaker-timer").textContent = speaker.label + ": " + clock(speaker);
    if (speaker && me) $("p-speaking-timer").textContent = clock(speaker);
  }

  function stamp(timers) {
    Object.keys(timers).forEach(function (k) { timers[k].offset = timers[k].now - Date.now() / 1000; });
  }

  function drawQuestion() {
    var q = proc.question;
    $("p-question").hidden = !q;
    if (!q) return;
    $("p-question-title").textContent = q.title;
    $("p-question-text").textContent = q.text;
  }

  function drawWords() {
    var asked = proc.floor && proc.floor.prompt;
    $("p-words").hidden = !asked;
    if (!asked || asked.id === wordsFor) return;
    if (wordsFor !== null) proc.my_floor.word = null;  // a new question: no word sent yet
    wordsFor = asked.id;
    $("p-words-prompt").textContent = asked.text;
    $("p-words-status").textContent = proc.my_floor.word ? Kiosk.t("Your word: %(word)s ✓", { word: proc.my_floor.word }) : "";
  }

  function upvoteButton(q, upvoted) {
    var b = make("button", "button p-upvote", "▲ " + q.upvotes);
    b.type = "button";
    b.setAttribute("aria-pressed", upvoted ? "true" : "false");
    b.setAttribute("aria-label", Kiosk.t("Upvote: %(question)s", { question: q.text }));
    b.addEventListener("click", function () {
      ask("question_upvote", { question_id: q.id }, "p-asks-status", function (reply) {
        var mine = proc.my_floor.upvoted, at = mine.indexOf(q.id);
        if (reply.upvote.upvoted && at < 0) mine.push(q.id);
        if (!reply.upvote.upvoted && at >= 0) mine.splice(at, 1);
        q.upvotes = reply.upvote.upvotes;
        drawAsks();
      });
    });
    return b;
  }

  /* Released questions to upvote (mine excepted), and what I asked, waiting or out. */
  function drawAsks() {
    var list = $("p-asked"), mine = proc.my_floor || { asked: [], upvoted: [] };
    var asked = {}, shown = (proc.floor && proc.floor.released) || [];
    mine.asked.forEach(function (q) { asked[q.id] = q; });
    clear(list);
    shown.forEach(function (q) {
      var li = make("li");
      li.appendChild(make("span", null, q.text));
      if (asked[q.id]) li.appendChild(make("span", "hint", Kiosk.t("yours · ▲ %(votes)s", { votes: q.upvotes })));
      else li.appendChild(upvoteButton(q, mine.upvoted.indexOf(q.id) >= 0));
      list.appendChild(li);
    });
    clear($("p-mine"));
    mine.asked.forEach(function (q) {
      var out = q.released || shown.some(function (s) { return s.id === q.id; });
      if (!out) $("p-mine").appendChild(make("li", null, Kiosk.t("“%(question)s” — waiting for the facilitator", { question: q.text })));
    });
  }

  function render() {
    drawGroup();
    drawThemes();
    drawStack();
    drawQuestion();
    drawWords();
    drawAsks();
    root.classList.toggle("busy", Boolean(proc.group || proc.question || speaking() ||
                                          (proc.floor && proc.floor.prompt)));
    tick();
  }

  function adoptGroup(group) {
    proc.group = group;
    render();
  }

  function sync() {
    ask("process_sync", {}, null, function (reply) {
      proc = reply.process;
      stamp(proc.timers);
      breakoutSeen = proc.breakout && proc.breakout.id;
      render();
    });
  }

  $("p-point-form").addEventListener("submit", function (e) {
    e.preventDefault();
    var agreement = document.querySelector("input[name=p-agree]:checked").value;
    ask("point_add", { text: $("p-point-text").value, agreement: agreement }, "p-harvest-status", function () {
      $("p-point-text").value = "";
    });
  });
  $("p-read-back").addEventListener("click", function () {
    ask("read_back_confirm", {}, "p-harvest-status", function () {
      $("p-harvest-status").textContent = Kiosk.t("Read back and confirmed ✓");
    });
  });
  Array.prototype.forEach.call(document.querySelectorAll("#p-stack-join button"), function (b) {
    b.addEventListener("click", function () {
      ask("stack_join", { kind: b.getAttribute("data-kind") }, "p-stack-status", function (reply) {
        proc.my_stack = reply.my_stack;
        render();
      });
    });
  });
  $("p-stack-leave").addEventListener("click", function () {
    ask("stack_leave", {}, "p-stack-status", function () { proc.my_stack = null; render(); });
  });
  $("p-ask-form").addEventListener("submit", function (e) {
    e.preventDefault();
    ask("question_ask", { text: $("p-ask-text").value }, "p-asks-status", function (reply) {
      $("p-ask-text").value = "";
      proc.my_floor.asked.push(reply.question);
      $("p-asks-status").textContent = Kiosk.t("Sent ✓ The facilitator will see it.");
      drawAsks();
    });
  });
  $("p-word-form").addEventListener("submit", function (e) {
    e.preventDefault();
    ask("word_send", { word: $("p-word").value }, "p-words-status", function (reply) {
      proc.my_floor.word = reply.word;
      $("p-word").value = "";
      $("p-words-status").textContent = Kiosk.t("Your word: %(word)s ✓", { word: reply.word });
    });
  });
  $("p-call-next").addEventListener("click", function () { ask("stack_call", {}, "p-stack-status"); });
  Array.prototype.forEach.call(document.querySelectorAll(".p-signal"), function (b) {
    b.addEventListener("click", function () {
      ask("signal", { kind: b.getAttribute("data-kind") }, "p-signal-status", function () {
        $("p-signal-status").textContent = Kiosk.t("Sent ✓");
      });
    });
  });

  Kiosk.extend(function (s) {
    socket = s;
    socket.on("process", function (part) {
      if (!proc) return;
      if (part.timers) stamp(part.timers);
      Object.keys(part).forEach(function (k) { proc[k] = part[k]; });
      if (proc.my_stack && !proc.stack.queue.some(function (e) { return e.id === proc.my_stack.id; }) &&
          proc.stack.waiting <= proc.stack.queue.length) proc.my_stack = null;  // called or removed
      var id = proc.breakout && proc.breakout.id;
      if (proc.breakout && !proc.breakout.running) proc.group = null;
      if (id && id !== breakoutSeen && proc.breakout.running) sync();  // new groups: find mine
      render();
    });
    socket.on("group", function (group) { if (proc && proc.group && proc.group.id === group.id) adoptGroup(group); });
    socket.on("timer", function (update) {
      if (!proc) return;
      if (update.timer) proc.timers[update.kind] = update.timer;
      if (update.timer) stamp({ t: update.timer });
      else delete proc.timers[update.kind];
      render();
    });
  }, function () { sync(); });

  setInterval(tick, 500);
})();
