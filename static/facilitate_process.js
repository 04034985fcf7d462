/* The console's People's Assembly parts: the agenda rail, breakouts, harvest, close, the
   projector's tools, and the stack and hand signals in the room column. Every button sends one
   event and shows its refusal. */
"use strict";

(function () {
  var make = Kiosk.make, clear = Kiosk.clear;
  var proc = JSON.parse(document.getElementById("snapshot").textContent).process;
  var socket = null, signalCounts = {};

  function $(id) { return document.getElementById(id); }

  function showError(text) {
    $("f-error").textContent = text || "";
    $("f-error").hidden = !text;
    if (text) $("f-error").scrollIntoView({ block: "nearest" });
  }

  function act(event, data, done) {
    showError("");
    socket.timeout(10000).emit(event, data || {}, function (err, reply) {
      if (err) return showError(Kiosk.t("The kiosk did not answer. Check the laptop, then try again."));
      if (!reply.ok) return showError(reply.error);
      if (done) done(reply);
    });
  }

  function button(label, onClick, className) {
    var b = make("button", "button f-small" + (className ? " " + className : ""), label);
    b.type = "button";
    b.addEventListener("click", onClick);
    return b;
  }

  function minutes(seconds) { return Math.round(seconds / 60); }

  /* The agenda as a rail: each item with its planned and actual minutes; its tools folded,
     and kept unfolded across redraws where the facilitator opened them (any change in the
     room redraws the rail, and must not fold a row under the facilitator's pointer). */
  function drawAgenda() {
    var list = $("f-agenda"), unfolded = {};
    Array.prototype.forEach.call(list.querySelectorAll("details[open]"), function (more) {
      unfolded[more.getAttribute("data-item-id")] = true;
    });
    clear(list);
    $("f-template").hidden = proc.agenda.length > 0;
    proc.agenda.forEach(function (item) {
      var running = item.id === proc.current_item_id, done = !running && item.stamps > 0;
      var li = make("li", running ? "running" : item.skipped ? "skipped" : done ? "done" : "");
      li.setAttribute("data-item", item.title);
      if (running) li.setAttribute("aria-current", "step");
      var words = make("span", "ros-item");
      words.appendChild(make("strong", null, (done ? "✓ " : running ? "▸ " : "") + item.title));
      words.appendChild(make("span", "hint", item.stamps
        ? Kiosk.t("%(planned)s min · %(actual)s actual", { planned: item.minutes, actual: minutes(item.actual) })
        : Kiosk.t("%(planned)s min", { planned: item.minutes })));
      li.appendChild(words);
      var more = make("details", "ros-item-tools"), summary = make("summary", null, "⋯");
      more.setAttribute("data-item-id", item.id);
      more.open = !!unfolded[item.id];
      summary.setAttribute("aria-label", Kiosk.t("More for %(title)s", { title: item.title }));
      more.appendChild(summary);
      var tools = make("span", "f-row");
      more.appendChild(tools);
      tools.appendChild(button(running ? Kiosk.t("Running") : Kiosk.t("Go"), function () {
        more.open = false;  // done with this row: the rail moves on
        act("agenda_go", { item_id: item.id });
      }));
      tools.appendChild(button("↑", function () { act("agenda_move", { item_id: item.id, by: -1 }); }));
      tools.appendChild(button("↓", function () { act("agenda_move", { item_id: item.id, by: 1 }); }));
      tools.appendChild(button(item.skipped ? Kiosk.t("Unskip") : Kiosk.t("Skip"), function () {
        act("agenda_skip", { item_id: item.id, skipped: !item.skipped });
      }));
      tools.appendChild(button(Kiosk.t("Edit"), function () { editItem(item); }));
      li.appendChild(more);
      list.appendChild(li);
    });
    var over = proc.running_over, late = over > 60;
    $("f-over").textContent = !proc.agenda.length ? "" : late ? Kiosk.t("· running %(minutes)s min over", { minutes: minutes(over) }) :
      over < -60 ? Kiosk.t("· %(minutes)s min ahead", { minutes: minutes(-over) }) : Kiosk.t("· on time");
    $("f-over").className = "f-over" + (late ? " late" : "");
  }

  function editItem(item) {
    var title = window.prompt(Kiosk.t("Title"), item.title);
    if (title === null) return;
    var mins = parseInt(window.prompt(Kiosk.t("Planned minutes"), item.minutes), 10);
    var notes = window.prompt(Kiosk.t("Words for the projector"), item.notes);
    act("agenda_edit", { item_id: item.id, title: title, minutes: mins, notes: notes === null ? item.notes : notes });
  }

  function drawProjector() {
    var box = $("f-scenes");
    clear(box);
    var follow = button(Kiosk.t("Follow the agenda"), function () { act("scene_show", { scene: null }); });
    follow.setAttribute("aria-pressed", proc.scene_override ? "false" : "true");
    box.appendChild(follow);
    proc.libraries.scenes.forEach(function (scene) {
      var b = button(proc.libraries.scene_labels[scene], function () { act("scene_show", { scene: scene }); });
      b.setAttribute("aria-pressed", proc.scene_override === scene ? "true" : "false");
      b.setAttribute("data-scene", scene);
      box.appendChild(b);
    });
    $("f-theme").value = proc.theme;
    $("f-twinkles").checked = proc.twinkles;
    $("f-chime").checked = proc.chime;
    if (document.activeElement !== $("f-destination")) $("f-destination").value = proc.destination;
    if (document.activeElement !== $("f-next-meeting")) $("f-next-meeting").value = proc.next_meeting;
  }

  function drawTimers() {
    var box = $("f-timers");
    clear(box);
    [["item", Kiosk.t("This item")], ["breakouts", Kiosk.t("Breakouts")], ["speaker", Kiosk.t("Speaker")]].forEach(function (pair) {
      var kind = pair[0], t = proc.timers[kind], row = make("div", "f-timer");
      row.appendChild(make("span", null, pair[1]));
      var shown = make("strong", null, t ? "" : "—");
      shown.setAttribute("data-timer", kind);
      row.appendChild(shown);
      if (!t) {
        var mins = make("input", "f-narrow");
        mins.type = "number";
        mins.value = kind === "speaker" ? proc.speaker_minutes : 5;
        mins.setAttribute("aria-label", Kiosk.t("%(timer)s minutes", { timer: pair[1] }));
        row.appendChild(mins);
        row.appendChild(button(Kiosk.t("Start"), function () {
          act("timer", { kind: kind, action: "start", minutes: parseFloat(mins.value) });
        }));
      } else {
        row.appendChild(button(t.paused ? Kiosk.t("Resume") : Kiosk.t("Pause"), function () { act("timer", { kind: kind, action: t.paused ? "resume" : "pause" }); }));
        row.appendChild(button("+1 min", function () { act("timer", { kind: kind, action: "add_minute" }); }));
        row.appendChild(button(Kiosk.t("Stop"), function () { act("timer", { kind: kind, action: "stop" }); }));
      }
      box.appendChild(row);
    });
    tick();
  }

  function tick() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-timer]"), function (el) {
      var t = proc.timers[el.getAttribute("data-timer")];
      if (!t) return;
      var left = t.paused ? t.remaining : Math.max(0, t.ends_at - (Date.now() / 1000 + t.offset));
      var s = Math.ceil(left);
      el.textContent = Math.floor(s / 60) + ":" + ("0" + (s % 60)).slice(-2) + (t.paused ? " " + Kiosk.t("paused") : "");
    });
  }

  function roleSelect(group, role) {
    var select = make("select");
    select.setAttribute("aria-label", role === "facilitator" ? Kiosk.t("%(group)s facilitator", { group: group.name })
      : Kiosk.t("%(group)s note-taker", { group: group.name }));
    select.appendChild(new Option(role === "facilitator" ? Kiosk.t("Facilitator: nobody") : Kiosk.t("Note-taker: nobody"), ""));
    group.people.forEach(function (p) {
      var opt = new Option(role === "facilitator" ? Kiosk.t("Facilitator: %(name)s", { name: p.name || "#" + p.id })
        : Kiosk.t("Note-taker: %(name)s", { name: p.name || "#" + p.id }), p.id);
      opt.selected = group[role + "_id"] === p.id;
      select.appendChild(opt);
    });
    select.addEventListener("change", function () {
      act("group_role", { group_id: group.id, role: role, attendee_id: select.value ? parseInt(select.value, 10) : null });
    });
    return select;
  }

  function drawBreakouts() {
    var b = proc.breakout, box = $("f-groups"), running = Boolean(b && b.running);
    clear(box);
    $("f-start-breakouts").hidden = running;
    $("f-end-breakouts").hidden = !running;
    $("f-fill-roles").hidden = !running;
    $("f-theme-counts").textContent = proc.themes.map(function (t) { return t.name + ": " + t.picked; }).join(" · ");
    if (!b) return;
    b.groups.forEach(function (g) {
      var card = make("div", "f-group");
      card.style.setProperty("--group", g.colour);
      card.appendChild(make("h3", null, g.name + " · " + g.members + (g.theme ? " · " + g.theme : "")));
      var place = make("input");
      place.value = g.place;
      place.setAttribute("aria-label", Kiosk.t("Where %(group)s meets", { group: g.name }));
      place.addEventListener("change", function () { act("group_place", { group_id: g.id, place: place.value }); });
      card.appendChild(place);
      if (running) { card.appendChild(roleSelect(g, "facilitator")); card.appendChild(roleSelect(g, "note_taker")); }
      box.appendChild(card);
    });
  }

  function drawHarvest() {
    var clusters = $("f-clusters"), box = $("f-harvest");
    clear(clusters);
    clear(box);
    proc.harvest.clusters.forEach(function (c) {
      clusters.appendChild(make("span", "f-signal", c.title));
      clusters.appendChild(button(Kiosk.t("Make it a proposal"), function () {
        var words = $("proposal-text");
        if (!words) return;
        words.value = c.title;
        if (Kiosk.showTool) Kiosk.showTool("proposal");
        words.focus();
        words.scrollIntoView({ block: "center" });
      }));
    });
    proc.harvest.groups.forEach(function (g) {
      var card = make("div", "f-group");
      card.style.setProperty("--group", g.colour);
      card.appendChild(make("h3", null, g.name + (g.read_back ? " · " + Kiosk.t("read back ✓") : "")));
      g.points.forEach(function (pt) { card.appendChild(pointRow(pt)); });
      box.appendChild(card);
    });
  }

  function pointRow(pt) {
    var row = make("div", "f-point");
    row.appendChild(make("span", null, pt.text + " (" + pt.agreement + ")"));
    var select = make("select");
    select.setAttribute("aria-label", Kiosk.t("Theme of %(point)s", { point: pt.text }));
    select.appendChild(new Option(Kiosk.t("No theme"), ""));
    proc.harvest.clusters.forEach(function (c) {
      var opt = new Option(c.title, c.id);
      opt.selected = pt.cluster_id === c.id;
      select.appendChild(opt);
    });
    select.addEventListener("change", function () {
      act("cluster_point", { point_id: pt.id, cluster_id: select.value ? parseInt(select.value, 10) : null });
    });
    row.appendChild(select);
    return row;
  }

  function drawStack() {
    var s = proc.stack, list = $("f-queue");
    $("f-speaker").textContent = s.speaker ? Kiosk.t("Speaking: %(name)s", { name: s.speaker.name || Kiosk.t("someone") }) : Kiosk.t("Nobody has the floor.");
    clear(list);
    s.queue.forEach(function (e) {
      var li = make("li", null, (e.name || Kiosk.t("Someone")) + " · " + proc.libraries.kinds_stack[e.kind] + " · " +
        (e.spoken ? Kiosk.t("has spoken") : Kiosk.t("new voice")) + " ");
      li.appendChild(button(Kiosk.t("Up"), function () { act("stack_up", { entry_id: e.id }); }));
      li.appendChild(button(Kiosk.t("Remove"), function () { act("stack_remove", { entry_id: e.id }); }));
      list.appendChild(li);
    });
    if (document.activeElement !== $("f-speaker-minutes")) $("f-speaker-minutes").value = proc.speaker_minutes;
  }

  function drawSignals() {
    var box = $("f-signals");
    clear(box);
    Object.keys(proc.libraries.signals).forEach(function (kind) {
      var n = signalCounts[kind] || 0, hot = n > 0 && ["cant_hear", "process", "wrap_up"].indexOf(kind) >= 0;
      var pill = make("span", "f-signal" + (hot ? " hot" : ""), proc.libraries.signals[kind] + ": " + n);
      pill.setAttribute("data-signal", kind);
      box.appendChild(pill);
    });
  }

  function drawClose() {
    var list = $("f-actions");
    clear(list);
    proc.actions.forEach(function (a) {
      var li = make("li", null, a.text + " — " + a.owner + " ");
      li.appendChild(button(Kiosk.t("Remove"), function () { act("action_remove", { action_id: a.id }); }));
      list.appendChild(li);
    });
  }

  function drawRecord() {
    var list = $("f-checklist");
    clear(list);
    proc.checklist.forEach(function (c) {
      var li = make("li"), label = make("label"), box = make("input");
      box.type = "checkbox";
      box.checked = c.done;
      box.disabled = c.by === "kiosk";
      box.setAttribute("data-check", c.key);
      box.addEventListener("change", function () { act("checklist_tick", { key: c.key, ticked: box.checked }); });
      label.appendChild(box);
      label.appendChild(make("span", null, c.label + (c.by === "kiosk" ? " " + Kiosk.t("(seen by the kiosk)") : c.by ? " " + Kiosk.t("(ticked by hand)") : "")));
      li.appendChild(label);
      list.appendChild(li);
    });
    var stamps = $("f-stamps");
    clear(stamps);
    proc.stamps.forEach(function (s) {
      var from = clock(s.started_at);
      var to = s.ended_at ? clock(s.ended_at) : Kiosk.t("now");
      stamps.appendChild(make("li", null, s.title + ": " + from + " – " + to));
    });
  }

  /* A moment on the 24-hour clock (19:05), as the page's language writes it, like kiosk.dates. */
  function clock(seconds) {
    return new Date(seconds * 1000).toLocaleTimeString(document.documentElement.lang,
                                                       { hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
  }

  function stamp(timers) {
    Object.keys(timers).forEach(function (k) { timers[k].offset = timers[k].now - Date.now() / 1000; });
  }

  function render() {
    drawAgenda(); drawProjector(); drawTimers(); drawBreakouts(); drawHarvest(); drawStack();
    drawSignals(); drawClose(); drawRecord();
  }

  function adopt(part) {
    proc = part;
    proc.libraries.kinds_stack = { speak: Kiosk.t("to speak"), clarify: Kiosk.t("clarifying question"), process: Kiosk.t("point of process") };
    stamp(proc.timers);
    render();
  }

  function setup() {
    var kinds = $("f-item-kind"), theme = $("f-theme"), mode = $("f-mode"), lib = proc.libraries;
    Object.keys(lib.kinds).forEach(function (k) { kinds.appendChild(new Option(lib.kinds[k], k)); });
    Object.keys(lib.themes).forEach(function (k) { theme.appendChild(new Option(lib.themes[k], k)); });
    Object.keys(lib.modes).forEach(function (k) { mode.appendChild(new Option(lib.modes[k], k)); });
    Object.keys(lib.energisers).forEach(function (k) {
      var e = lib.energisers[k];
      $("f-energisers").appendChild(button(Kiosk.t("%(title)s (%(minutes)s min)", { title: e.title, minutes: e.minutes }), function () { act("energiser_add", { key: k }); }));
    });
    $("f-themes").value = proc.themes.map(function (t) { return t.name; }).join("\n");
  }

  function on(id, event, handler) { $(id).addEventListener(event, handler); }
  function number(id) { var n = Number($(id).value); return Number.isInteger(n) ? n : n || 0; }

  on("f-template", "click", function () { act("agenda_template"); });
  on("f-add-item", "submit", function (e) {
    e.preventDefault();
    act("agenda_add", { kind: $("f-item-kind").value, title: $("f-item-title").value,
                        minutes: number("f-item-minutes"), notes: $("f-item-notes").value },
        function () { $("f-item-title").value = ""; $("f-item-notes").value = ""; });
  });
  on("f-theme", "change", function () { act("process_set", { theme: $("f-theme").value }); });
  on("f-twinkles", "change", function () { act("process_set", { twinkles: $("f-twinkles").checked }); });
  on("f-chime", "change", function () { act("process_set", { chime: $("f-chime").checked }); });
  on("f-destination-save", "click", function () { act("process_set", { destination: $("f-destination").value }); });
  on("f-next-meeting-save", "click", function () { act("process_set", { next_meeting: $("f-next-meeting").value }); });
  on("f-start-breakouts", "click", function () {
    act("breakouts_start", { mode: $("f-mode").value, size: number("f-size"), minutes: number("f-minutes") });
  });
  on("f-end-breakouts", "click", function () { act("breakouts_end"); });
  on("f-fill-roles", "click", function () { act("group_roles_fill"); });
  on("f-themes-save", "click", function () { act("breakout_themes", { themes: $("f-themes").value.split("\n") }); });
  on("f-cluster-add", "click", function () {
    act("cluster_add", { title: $("f-cluster-title").value }, function () { $("f-cluster-title").value = ""; });
  });
  on("f-call", "click", function () { act("stack_call"); });
  on("f-speaker-minutes", "change", function () { act("process_set", { speaker_minutes: Number($("f-speaker-minutes").value) }); });
  on("f-keeper-save", "click", function () { act("stack_keeper", { name: $("f-keeper").value }); });
  on("f-action-form", "submit", function (e) {
    e.preventDefault();
    act("action_add", { text: $("f-action-text").value, owner: $("f-action-owner").value }, function () {
      $("f-action-text").value = ""; $("f-action-owner").value = "";
    });
  });

  Kiosk.extend(function (s) {
    socket = s;
    socket.on("process", adopt);
    socket.on("timer", function (update) {
      if (update.timer) { proc.timers[update.kind] = update.timer; stamp({ t: update.timer }); } else delete proc.timers[update.kind];
      drawTimers();
    });
    socket.on("signals", function (report) { signalCounts = report.counts; drawSignals(); });
  }, function (snapshot) { adopt(snapshot.process); });

  setup();
  adopt(proc);
  setInterval(tick, 500);
})();
