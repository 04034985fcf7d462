/* The phone's part of the People's Assembly: my group and role, the harvest, theme choice,
   the speakers' stack and hand signals. Every action waits for the kiosk's answer. */
"use strict";

(function () {
  var make = Kiosk.make, clear = Kiosk.clear;
  var code = document.getElementById("phone").getAttribute("data-code");
  var AGREE = { all: "All of us", most: "Most of us", some: "Some of us" };
  var ROLE = { facilitator: "the facilitator", note_taker: "the note-taker" };
  var proc = null, socket = null, breakoutSeen = null;

  function $(id) { return document.getElementById(id); }

  // The group and theme belong above the vote; the stack and signals below it.
  var round = $("round");
  round.parentNode.insertBefore($("process-top"), round);

  function ask(event, data, statusId, done) {
    var status = statusId && $(statusId);
    if (status) { status.textContent = "Sending…"; status.className = "p-status"; }
    data.code = code;
    socket.timeout(10000).emit(event, data, function (err, reply) {
      var error = err ? "The kiosk did not answer. Please try again." : (!reply.ok && reply.error);
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
    $("p-group-name").textContent = "You are in Group " + g.name;
    $("p-group-place").textContent = g.place + (g.theme ? " · " + g.theme : "");
    var role = myRole(g);
    $("p-role").textContent = role ? "You are " + ROLE[role] + "." : "";
    var names = g.people.map(function (p) { return p.name; }).filter(Boolean);
    $("p-people").textContent = g.people.length + " in the group" + (names.length ? ": " + names.join(", ") : "");
    var box = $("p-volunteer");
    clear(box);
    ["facilitator", "note_taker"].forEach(function (r) {
      if (g[r + "_id"] || role) return;
      var b = make("button", "button", "I'll be " + ROLE[r]);
      b.type = "button";
      b.addEventListener("click", function () { ask("volunteer", { role: r }, "p-harvest-status", function (reply) { adoptGroup(reply.group); }); });
      box.appendChild(b);
    });
    drawPoints(g, role);
  }

  function drawPoints(g, role) {
    var list = $("p-points");
    clear(list);
    g.points.forEach(function (pt) {
      var li = make("li", "p-point agree-" + pt.agreement, pt.text + " ");
      li.appendChild(make("span", "hint", "(" + AGREE[pt.agreement] + ")"));
      if (role === "note_taker") {
        var x = make("button", "p-remove", "Remove");
        x.type = "button";
        x.addEventListener("click", function () { ask("point_remove", { point_id: pt.id }, "p-harvest-status"); });
        li.appendChild(x);
      }
      list.appendChild(li);
    });
    var waiting = role === "note_taker" ? "Send your group's 2 to 5 points below." :
      g.note_taker_id ? "Your note-taker will send the group's points." : "Who will take notes?";
    if (!g.points.length) list.appendChild(make("li", "hint", waiting));
    $("p-point-form").hidden = role !== "note_taker" || g.points.length >= 5;
    $("p-read-back").hidden = g.points.length < 2 || g.read_back;
    if (g.read_back) $("p-harvest-status").textContent = "Read back and confirmed ✓";
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

  function drawStack() {
    var s = proc.stack, mine = proc.my_stack;
    $("p-floor").textContent = s.speaker ? "Speaking now: " + (s.speaker.name || "someone") : "";
    $("p-stack-join").hidden = Boolean(mine);
    $("p-stack-leave").hidden = !mine;
    if (mine) {
      var place = null;
      s.queue.forEach(function (e, i) { if (e.id === mine.id) place = i + 1; });
      $("p-stack-status").textContent = place === 1 ? "You're next!" :
        "You're on the stack" + (place ? " (number " + place + ")" : "") + ".";
    }
    $("p-keeper").hidden = !proc.stack_keeper;
    if (proc.stack_keeper) drawQueue(s);
  }

  function drawQueue(s) {
    var list = $("p-queue");
    clear(list);
    s.queue.forEach(function (e) {
      var li = make("li", null, (e.name || "Someone") + (e.kind !== "speak" ? " (" + proc.stack_kinds[e.kind] + ")" : "") + " ");
      [["Up", "stack_up"], ["Remove", "stack_remove"]].forEach(function (pair) {
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
    return left > 0 ? Math.floor(s / 60) + ":" + ("0" + (s % 60)).slice(-2) + (t.paused ? " (paused)" : "") : "Time!";
  }

  function tick() {
    if (!proc) return;
    var group = proc.timers.breakouts, speaker = proc.timers.speaker;
    $("p-group-timer").hidden = !(group && proc.group);
    if (group && proc.group) $("p-group-timer").textContent = "Time left " + clock(group);
    $("p-speaker-timer").hidden = !speaker;
    if (speaker) $("p-speaker-timer").textContent = speaker.label + ": " + clock(speaker);
  }

  function stamp(timers) {
    Object.keys(timers).forEach(function (k) { timers[k].offset = timers[k].now - Date.now() / 1000; });
  }

  function render() {
    drawGroup();
    drawThemes();
    drawStack();
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
      $("p-harvest-status").textContent = "Read back and confirmed ✓";
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
  $("p-call-next").addEventListener("click", function () { ask("stack_call", {}, "p-stack-status"); });
  Array.prototype.forEach.call(document.querySelectorAll(".p-signal"), function (b) {
    b.addEventListener("click", function () {
      ask("signal", { kind: b.getAttribute("data-kind") }, "p-signal-status", function () {
        $("p-signal-status").textContent = "Sent ✓";
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
