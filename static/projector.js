/* The projector: join QR, live counts, and the outcome with its sentence. */
"use strict";

(function () {
  function render(state) {
    Kiosk.drawAttendance(state.attendance);
    var rnd = state.round;
    var showRound = Boolean(rnd);
    document.getElementById("round").hidden = !showRound;
    document.getElementById("join").className = showRound ? "join corner" : "join";
    if (!showRound) return;
    document.getElementById("round-rule").textContent =
      (rnd.status === "open" ? "Vote now · " : "Round closed · ") + rnd.rule_label +
      (rnd.visibility === "secret" ? " · Secret ballot" : "");
    document.getElementById("round-text").textContent = rnd.text;
    Kiosk.drawRound(rnd, state.attendance.present);
    var outcome = document.getElementById("outcome");
    outcome.hidden = rnd.status !== "closed";
    outcome.textContent = rnd.explanation || "";
    outcome.className = "outcome outcome-" + (rnd.outcome || "none");
  }

  Kiosk.follow("projector", render);
})();
