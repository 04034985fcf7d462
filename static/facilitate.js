/* The facilitator console: set up and run rounds, hand counts and amendments. It keeps the
   console's state (the snapshot, then every change) and lets the other console scripts draw
   from it after each change (Kiosk.afterRender). */
"use strict";

(function () {
  var errorEl = document.getElementById("console-error");
  var $ = function (id) { return document.getElementById(id); };
  var BALLOTS = { temperature: Kiosk.t("Agree / unsure / disagree"), fist: Kiosk.t("Fist-to-five"),
                  consent: Kiosk.t("Consent (agree, concerns, stand aside, block)"), vote: Kiosk.t("Yes / no"),
                  approval: Kiosk.t("Approval (pick up to k)"), ranked: Kiosk.t("Ranked choice") };
  var STAGE_KINDS = { temperature: ["temperature", "fist"], amendment: ["vote"],
                      consent: ["consent", "fist"], final: ["vote", "consent"],
                      runoff: ["ranked", "approval"] };
  var STAGES = { temperature: Kiosk.t("Temperature check"), amendment: Kiosk.t("Amendment vote"),
                 consent: Kiosk.t("Consent round"), final: Kiosk.t("Final vote"), runoff: Kiosk.t("Run-off") };
  var PURPOSES = { election: Kiosk.t("Election"), mandate: Kiosk.t("Confirming a mandate"), recall: Kiosk.t("Recall vote") };
  var AMENDED = { pending: Kiosk.t("pending"), taken: Kiosk.t("taken"), not_taken: Kiosk.t("not taken") };
  var view, after = [], refreshing = null;

  function showError(text) {
    errorEl.textContent = text || "";
    errorEl.hidden = !text;
  }

  function fillSelect(select, pairs) {
    Kiosk.clear(select);
    pairs.forEach(function (pair) {
      var option = Kiosk.make("option", null, pair[1]);
      option.value = pair[0];
      select.appendChild(option);
    });
  }

  function syncForm() {
    var choices = view.state.choices;
    var kinds = STAGE_KINDS[$("round-stage").value];
    var kind = $("round-kind").value;
    var offered = Array.prototype.map.call($("round-kind").options, function (o) { return o.value; });
    if (offered.join() !== kinds.join()) { // offer this stage's ballots, keeping one that fits
      fillSelect($("round-kind"), kinds.map(function (k) { return [k, BALLOTS[k]]; }));
      if (kinds.indexOf(kind) >= 0) $("round-kind").value = kind;
    }
    var rules = choices.kinds[$("round-kind").value];
    fillSelect($("round-rule-choice"), rules.map(function (r) {
      return [r, choices.rules[r] || (r === "approval" ? Kiosk.t("Approval") : Kiosk.t("Ranked choice"))];
    }));
    var choosing = ["approval", "ranked"].indexOf($("round-kind").value) >= 0;
    ["round-options", "round-picks", "round-seats"].forEach(function (id) {
      $(id).parentNode.hidden = !choosing;
    });
    $("open-consent").textContent =
      $("round-kind").value === "consent" ? Kiosk.t("Open consent round") : Kiosk.t("Open round");
  }

  function roundRequest(extra) {
    var data = {
      text: $("proposal-text").value,
      stage: $("round-stage").value,
      kind: $("round-kind").value,
      rule: $("round-rule-choice").value,
      visibility: $("round-visibility").value,
      hide_results: $("round-hide").checked,
      options: $("round-options").value.split("\n").filter(function (l) { return l.trim(); }),
      max_choices: parseInt($("round-picks").value, 10) || 1,
      seats: parseInt($("round-seats").value, 10) || 1,
    };
    var pct = $("round-threshold").value.trim();
    if (pct) {
      var key = { consensus_override: "override_percent", bellingham: "pass_percent",
                  consensus: "fallback_percent" }[data.rule] || "threshold_percent";
      data.settings = {};
      data.settings[key] = pct;
    }
    var round = view.state.round;
    if (!data.text.trim() && round && data.stage !== "temperature") {
      data.proposal_id = round.proposal_id; // decide the current proposal again
    }
    return Object.assign(data, extra || {});
  }

  function drawHandInputs(rnd) {
    var box = $("hand-inputs");
    if (box.getAttribute("data-round") === String(rnd.id)) return;
    box.setAttribute("data-round", String(rnd.id));
    Kiosk.clear(box);
    rnd.options.forEach(function (o) {
      var label = Kiosk.make("label", null, o.label);
      var input = Kiosk.make("input");
      input.type = "number";
      input.min = "0";
      input.value = "0";
      input.setAttribute("data-choice", o.value);
      label.appendChild(input);
      box.appendChild(label);
    });
  }

  function drawNamed(rnd) {
    var list = $("named-votes");
    Kiosk.clear(list);
    (rnd.named_votes || []).forEach(function (v) {
      list.appendChild(Kiosk.make("li", null, (v.name || Kiosk.t("(no name)")) + ": " + v.choice +
        (v.reason ? " — " + v.reason : "")));
    });
    $("named-panel").hidden = rnd.visibility !== "open";
  }

  function drawWording(wording) {
    $("amendments-panel").hidden = !wording;
    if (!wording) return;
    Kiosk.clear($("versions"));
    wording.versions.forEach(function (v) {
      $("versions").appendChild(Kiosk.make("li", null, Kiosk.t("Version %(number)s: %(text)s", { number: v.version, text: v.text })));
    });
    Kiosk.clear($("amendments"));
    wording.amendments.forEach(function (a) {
      var li = Kiosk.make("li", null, Kiosk.t("“%(text)s” — %(by)s · %(status)s", {
        text: a.text, by: a.proposed_by, status: AMENDED[a.status] || a.status }) + " ");
      if (a.status === "pending") {
        li.appendChild(button(Kiosk.t("Vote on it"), function () {
          act("open_round", roundRequest({ stage: "amendment", kind: "vote", rule: "majority",
            proposal_id: a.proposal_id, amendment_id: a.id }));
        }));
        li.appendChild(button(Kiosk.t("Take it"), function () { decide(a.id, true); }));
        li.appendChild(button(Kiosk.t("Leave it"), function () { decide(a.id, false); }));
      }
      $("amendments").appendChild(li);
    });
  }

  function button(text, onClick) {
    var b = Kiosk.make("button", "button", text);
    b.type = "button";
    b.addEventListener("click", onClick);
    return b;
  }

  function render(state) {
    Kiosk.drawAttendance(state.attendance);
    drawWording(state.wording);
    drawRoundPanel(state);
    after.forEach(function (draw) { draw(state); });
  }

  function drawRoundPanel(state) {
    var rnd = state.round;
    $("round-panel").hidden = !Kiosk.roundHere(rnd, state.process);
    $("open-consent").disabled = Boolean(rnd && rnd.status === "open");
    if (!rnd) return;
    var open = rnd.status === "open";
    var called = PURPOSES[rnd.purpose] || STAGES[rnd.stage];
    $("round-heading").textContent = open ? Kiosk.t("%(round)s — open", { round: called })
      : Kiosk.t("%(round)s — closed", { round: called });
    $("round-text").textContent = rnd.text;
    $("round-rule").textContent = BALLOTS[rnd.kind] + " · " + rnd.rule_label + " · " +
      rnd.visibility_label + (rnd.hidden ? " · " + Kiosk.t("results hidden until close") : "");
    // The console sees hidden counts, except a secret round's (they arrive as null).
    Kiosk.drawRound(Object.assign({}, rnd, { hidden: rnd.hidden && !rnd.counts }),
                    state.attendance.present);
    var outcome = $("outcome");
    outcome.hidden = open;
    outcome.textContent = rnd.explanation || "";
    outcome.className = "outcome outcome-" + (rnd.outcome || "none");
    $("close-round").hidden = !open;
    $("open-fallback").hidden = open || rnd.outcome !== "blocked";
    $("hand-count-panel").hidden = !open || rnd.kind === "ranked";
    drawHandInputs(rnd);
    drawNamed(rnd);
    $("paper-ballots").href = "/facilitate/rounds/" + rnd.id + "/ballots.pdf";
    $("paper-tally").href = "/facilitate/rounds/" + rnd.id + "/tally.pdf";
  }

  function act(event, data, onDone) {
    showError("");
    view.socket.timeout(10000).emit(event, data, function (err, reply) {
      if (err) return showError(Kiosk.t("The kiosk did not answer. Check the laptop, then try again."));
      if (!reply.ok) return showError(reply.error);
      if (reply.round) view.state.round = Object.assign(view.state.round || {}, reply.round);
      if (reply.wording) view.state.wording = reply.wording;
      if (reply.desk) view.state.desk = reply.desk;
      if (onDone) onDone(reply);
      render(view.state);
    });
  }

  function decide(amendmentId, taken) {
    act("decide_amendment", { amendment_id: amendmentId, taken: taken });
  }

  /* Fetch the console's whole snapshot again; a burst of changes becomes one request. */
  function refresh() {
    if (refreshing) return;
    refreshing = setTimeout(function () {
      refreshing = null;
      view.socket.emit("hello", { role: "facilitator" }, function (reply) {
        if (reply && reply.ok) { view.state = reply.snapshot; render(view.state); }
      });
    }, 100);
  }

  Kiosk.afterRender = function (draw) { after.push(draw); if (view) draw(view.state); };
  Kiosk.act = act;
  view = Kiosk.follow("facilitator", render);
  Kiosk.console = view;
  view.socket.on("desk", function (desk) {
    view.state.desk = desk;
    view.state.attendance = desk.attendance;
    render(view.state);
  });
  view.socket.on("process", function (part) {
    view.state.process = part;
    render(view.state);
  });
  view.socket.on("timer", function (update) {
    var timers = view.state.process.timers;
    if (update.timer) timers[update.kind] = update.timer; else delete timers[update.kind];
    render(view.state);
  });
  // Names, wording, hand counts and seats are console-only: fetch the full snapshot again.
  view.socket.on("round", refresh);
  view.socket.on("delegates", refresh);
  syncForm();
  $("round-stage").addEventListener("change", syncForm);
  $("round-kind").addEventListener("change", syncForm);

  $("open-consent").addEventListener("click", function () {
    act("open_round", roundRequest(), function () { $("proposal-text").value = ""; });
  });
  $("close-round").addEventListener("click", function () {
    act("close_round", { round_id: view.state.round.id });
  });
  $("open-fallback").addEventListener("click", function () {
    act("open_round", { proposal_id: view.state.round.proposal_id, stage: "final", kind: "vote",
                        rule: "fallback_75" });
  });
  $("save-hands").addEventListener("click", function () {
    var counts = {};
    Array.prototype.forEach.call($("hand-inputs").querySelectorAll("input"), function (input) {
      counts[input.getAttribute("data-choice")] = input.value === "" ? 0 : Number(input.value);
    });
    act("hand_count", { round_id: view.state.round.id, source: $("hand-source").value,
                        counts: counts });
  });
  $("propose-amendment").addEventListener("click", function () {
    act("propose_amendment", { proposal_id: view.state.round.proposal_id,
                               text: $("amendment-text").value, proposed_by: $("amendment-by").value },
        function () { $("amendment-text").value = ""; });
  });
})();
