/* The run of show: what runs now, its one obvious next action (the highlighted button, or the
   N key), the pre-flight before the doors open, the stage's tools, and the room column's
   responses and reasons. It draws from the console's state after every change. */
"use strict";

(function () {
  var make = Kiosk.make, clear = Kiosk.clear;
  var WORDS = document.getElementById("ros-words").dataset;
  var TOOL = { breakouts: "breakouts", harvest: "harvest", proposals: "proposal", delegates: "delegates",
               close: "close" };
  var state = null, action = null, shownItem, serverOffset = 0, seenNow = null;

  function $(id) { return document.getElementById(id); }

  /* A label from the template's words (data-open-round is "open-round"), {title}… filled in. */
  function say(key, vars) {
    var name = key.replace(/-(\w)/g, function (_, c) { return c.toUpperCase(); });
    return (WORDS[name] || "").replace(/\{(\w+)\}/g, function (_, name) { return vars && name in vars ? vars[name] : ""; });
  }

  function showError(text) {
    $("ros-error").textContent = text || "";
    $("ros-error").hidden = !text;
  }

  function act(event, data) {
    showError("");
    Kiosk.console.socket.timeout(10000).emit(event, data || {}, function (err, reply) {
      if (err) return showError(Kiosk.t("The kiosk did not answer. Check the laptop, then try again."));
      if (!reply.ok) showError(reply.error);
    });
  }

  function itemOf(p, id) { return p.agenda.filter(function (i) { return i.id === id; })[0] || null; }

  /* The item that "next" would run: the first not skipped after the running one. */
  function following(p) {
    var ids = p.agenda.map(function (i) { return i.id; }), at = ids.indexOf(p.current_item_id);
    return p.agenda.slice(at + 1).filter(function (i) { return !i.skipped; })[0] || null;
  }

  function step(key, vars, run, hintVars) {
    return { key: key, label: say(key, vars), hint: say(key + "-hint", hintVars || vars), run: run };
  }

  function moveOn(p) {
    var next = following(p);
    if (!next) return step("finish", {}, function () { act("agenda_go", {}); });
    return step("next", { title: next.title }, function () { act("agenda_go", {}); });
  }

  /* Before the first stage: the agenda, the clock, the projector, then the doors. */
  function beforeDoors(p) {
    var pf = p.preflight, first = following(p);
    if (!pf.clock_confirmed_at) return step("clock", {}, function () { act("clock_confirm"); });
    if (!pf.projector_opened_at) {
      return step("projector", {}, function () { window.open($("projector-link").href, "kiosk-projector"); });
    }
    return step("doors", { title: first ? first.title : "" }, function () { act("agenda_go", {}); });
  }

  function proposalsStep(s, p) {
    if (Kiosk.roundHere(s.round, p)) return moveOn(p);
    return step("open-round", {}, function () {
      if (!$("proposal-text").value.trim()) {
        showTool("proposal");
        $("proposal-text").focus();
        return showError(say("needs-words"));
      }
      $("open-consent").click();
    });
  }

  function delegatesStep(s, p) {
    var d = s.delegates, seats = d.seats, waiting = seats.filter(function (x) { return x.round_id === null; })[0];
    if (waiting && waiting.candidates.length >= 2) {
      return step("election", { title: waiting.council }, function () {
        act("open_election", { seat_id: waiting.id, method: "ranked" });
      });
    }
    if (waiting) {
      var wait = step("election", { title: waiting.council });
      wait.hint = say("waiting-candidates", { count: waiting.candidates.length });
      return wait;  // no run: the button waits for candidates (or move on from the rail)
    }
    if (!seats.length && d.councils.length) {
      var council = d.councils[0];
      return step("nominations", { title: council.name }, function () {
        act("open_seat", { council_id: council.id, gender_balanced: false });
      });
    }
    return moveOn(p);
  }

  function nextAction(s) {
    var p = s.process, item = itemOf(p, p.current_item_id), rnd = s.round;
    if (rnd && rnd.status === "open") {  // a vote under way comes first, whatever the stage
      return step("close-round", {}, function () { act("close_round", { round_id: rnd.id }); },
                  { responded: rnd.responded, present: s.attendance.present });
    }
    if (!p.agenda.length) return step("template", {}, function () { act("agenda_template"); });
    if (!p.stamps.length) return beforeDoors(p);
    if (!item) {
      if (s.meeting.rehearsal) return step("rehearsal-end", {}, endRehearsal);
      return step("minutes", {}, function () { window.open($("minutes-link").href, "kiosk-bundles"); });
    }
    if (item.kind === "breakouts" && !(p.breakout && p.breakout.running)) {
      return step("split", {}, function () {
        act("breakouts_start", { mode: $("f-mode").value, size: Number($("f-size").value) || 7,
                                 minutes: Number($("f-minutes").value) || 25 });
      });
    }
    if (item.kind === "proposals") return proposalsStep(s, p);
    if (item.kind === "delegates") return delegatesStep(s, p);
    return moveOn(p);
  }

  function showTool(tool) {
    $("ros-stage").setAttribute("data-tool", tool);
    Array.prototype.forEach.call(document.querySelectorAll(".ros-tab"), function (tab) {
      tab.setAttribute("aria-pressed", tab.getAttribute("data-tool") === tool ? "true" : "false");
    });
  }

  function drawNow(s) {
    var p = s.process, item = itemOf(p, p.current_item_id);
    $("ros-kind").textContent = item ? p.libraries.kinds[item.kind] : p.stamps.length ? Kiosk.t("After the evening") :
      Kiosk.t("Before the doors open");
    $("ros-title").textContent = item ? item.title : p.stamps.length ? Kiosk.t("The evening is over") : Kiosk.t("Getting ready");
    $("ros-clock").hidden = !p.timers.item;
    $("ros-timer-pause").textContent = p.timers.item && p.timers.item.paused ? Kiosk.t("Resume") : Kiosk.t("Pause");
    $("ros-stage").setAttribute("data-kind", item ? item.kind : "none");
    $("ros-item-notes").hidden = !(item && item.notes);
    $("ros-item-notes").textContent = item && item.notes ? Kiosk.t("On the big screen: “%(words)s”", { words: item.notes }) : "";
    if (shownItem !== p.current_item_id) {  // a new stage: its own tools (no agenda: a vote)
      shownItem = p.current_item_id;
      showTool(item ? TOOL[item.kind] || "script" : p.agenda.length ? "script" : "proposal");
    }
  }

  function drawNext(s) {
    var before = action && action.key;
    action = nextAction(s);
    if (action.key !== before) showError("");  // a refusal belongs to the action it answered
    $("ros-next-label").textContent = action.label;
    $("ros-next-hint").textContent = action.hint;
    $("ros-next").disabled = !action.run;
    $("ros-next").setAttribute("data-action", action.key);
  }

  /* The pre-flight: shown before the first stage, and whenever the room stays empty. */
  function drawPreflight(s) {
    var p = s.process, pf = p.preflight;
    if (pf.now !== seenNow) { seenNow = pf.now; serverOffset = pf.now - Date.now() / 1000; }
    var now = Date.now() / 1000 + serverOffset;
    var quiet = Boolean(pf.projector_opened_at) && s.attendance.present === 0 &&
      now - pf.projector_opened_at > pf.quiet_minutes * 60;
    $("pf-panel").hidden = p.stamps.length > 0 && !quiet;
    $("pf-quiet").hidden = !quiet;
    $("pf-clock-mark").textContent = pf.clock_confirmed_at ? "✓" : "?";
    $("pf-clock-mark").className = "pf-mark" + (pf.clock_confirmed_at ? " ok" : "");
    var mine = -new Date().getTimezoneOffset(), drift = Math.abs(serverOffset);
    $("pf-clock-differs").hidden = mine === pf.offset_minutes && drift < 120;
    $("pf-clock-differs").textContent = mine !== pf.offset_minutes
      ? Kiosk.t("This browser is in another time zone: check which one is right.")
      : Kiosk.n("This browser's clock differs from the laptop's by %(num)s minute.",
                "This browser's clock differs from the laptop's by %(num)s minutes.", Math.round(drift / 60));
    var host = new URL(s.meeting.join_url).hostname;
    $("pf-join-warning").hidden = !/^(127\.|localhost$|0\.0\.0\.0$)/.test(host);
    $("pf-projector-mark").textContent = pf.projector_opened_at ? "✓" : "?";
    $("pf-projector-mark").className = "pf-mark" + (pf.projector_opened_at ? " ok" : "");
    $("pf-projector").textContent = pf.projector_opened_at ? Kiosk.t("The projector window is open.") :
      Kiosk.t("The projector window is not open yet.");
  }

  /* The room: who has responded to an open round, and the reasons given (never whose). */
  function drawRoom(s) {
    var rnd = s.round, open = rnd && rnd.status === "open";
    $("ros-responded").hidden = !open;
    if (open) $("ros-responded").textContent = Kiosk.respondedText(rnd, s.attendance.present);
    var reasons = (rnd && Kiosk.roundHere(rnd, s.process) && rnd.reasons) || [];
    $("ros-reasons-part").hidden = !reasons.length;
    clear($("ros-reasons"));
    reasons.forEach(function (r) {
      var li = make("li", "reason-" + r.choice);
      li.appendChild(make("strong", null, r.choice === "block" ? Kiosk.t("Block:") + " " : Kiosk.t("Concerns:") + " "));
      li.appendChild(document.createTextNode(r.reason));
      $("ros-reasons").appendChild(li);
    });
    var waitingDesk = s.desk && s.desk.mode !== "open" ? s.desk.waiting.length : 0;
    $("ros-desk").hidden = !waitingDesk;
    $("ros-desk").textContent = Kiosk.n("%(num)s waiting at the check-in desk",
                                       "%(num)s waiting at the check-in desk", waitingDesk);
    var asks = (s.process.floor && s.process.floor.questions) || [];
    var fresh = asks.filter(function (q) { return !q.released; }).length;
    $("ros-asks-part").hidden = !asks.length;
    $("ros-asks").textContent = Kiosk.t("%(waiting)s waiting for you · %(released)s released",
                                        { waiting: fresh, released: asks.length - fresh });
    $("ros-asks-tab").textContent = fresh ? "(" + fresh + ")" : "";
  }

  function draw(s) {
    state = s;
    drawNow(s);
    drawNext(s);
    drawPreflight(s);
    drawRoom(s);
  }

  function endRehearsal() {
    act("rehearsal_end");
  }

  $("ros-next").addEventListener("click", function () { if (action && action.run) action.run(); });
  document.addEventListener("keydown", function (e) {
    var typing = /^(INPUT|TEXTAREA|SELECT)$/.test(e.target.tagName) || e.target.isContentEditable;
    if (typing || e.ctrlKey || e.metaKey || e.altKey || (e.key !== "n" && e.key !== "N")) return;
    e.preventDefault();
    $("ros-next").click();
  });
  Array.prototype.forEach.call(document.querySelectorAll(".ros-tab"), function (tab) {
    tab.addEventListener("click", function () { showTool(tab.getAttribute("data-tool")); });
  });
  $("ros-timer-pause").addEventListener("click", function () {
    var t = state.process.timers.item;
    act("timer", { kind: "item", action: t && t.paused ? "resume" : "pause" });
  });
  $("ros-timer-more").addEventListener("click", function () { act("timer", { kind: "item", action: "add_minute" }); });
  if ($("rehearsal-end")) $("rehearsal-end").addEventListener("click", endRehearsal);
  setInterval(function () { if (state) drawPreflight(state); }, 5000);

  Kiosk.showTool = showTool;
  Kiosk.afterRender(draw);
})();
