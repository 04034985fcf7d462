/* The facilitator console: open and close rounds, watch counts arrive. */
"use strict";

(function () {
  var errorEl = document.getElementById("console-error");

  function showError(text) {
    errorEl.textContent = text || "";
    errorEl.hidden = !text;
  }

  function render(state) {
    Kiosk.drawAttendance(state.attendance);
    var rnd = state.round;
    document.getElementById("round-panel").hidden = !rnd;
    document.getElementById("open-consent").disabled = Boolean(rnd && rnd.status === "open");
    if (!rnd) return;
    var open = rnd.status === "open";
    document.getElementById("round-heading").textContent =
      (rnd.kind === "vote" ? "Vote" : "Consent round") + (open ? " — open" : " — closed");
    document.getElementById("round-text").textContent = rnd.text;
    document.getElementById("round-rule").textContent = rnd.rule_label;
    Kiosk.drawBars(document.getElementById("bars"), rnd.options, rnd.counts);
    document.getElementById("responded").textContent =
      Kiosk.respondedText(rnd.counts, state.attendance.present);
    var outcome = document.getElementById("outcome");
    outcome.hidden = open;
    outcome.textContent = rnd.explanation || "";
    outcome.className = "outcome outcome-" + (rnd.outcome || "none");
    document.getElementById("close-round").hidden = !open;
    document.getElementById("open-fallback").hidden = open || rnd.outcome !== "blocked";
  }

  var view = Kiosk.follow("facilitator", render);

  function act(event, data) {
    showError("");
    view.socket.timeout(10000).emit(event, data, function (err, reply) {
      if (err) return showError("The kiosk did not answer. Check the laptop, then try again.");
      if (!reply.ok) return showError(reply.error);
      view.state.round = reply.round;
      render(view.state);
    });
  }

  document.getElementById("open-consent").addEventListener("click", function () {
    act("open_round", { text: document.getElementById("proposal-text").value, kind: "consent" });
  });
  document.getElementById("close-round").addEventListener("click", function () {
    act("close_round", { round_id: view.state.round.id });
  });
  document.getElementById("open-fallback").addEventListener("click", function () {
    act("open_round", { proposal_id: view.state.round.proposal_id, kind: "vote", rule: "fallback_75" });
  });
})();
