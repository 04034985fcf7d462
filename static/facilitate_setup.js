/* The console's set-up page: how phones are admitted, the desk's counts, and a rehearsal.
   facilitate_delegates.js (identity, councils) and facilitate_meeting.js share its socket. */
"use strict";

(function () {
  function $(id) { return document.getElementById(id); }

  function showError(text) {
    $("setup-error").textContent = text || "";
    $("setup-error").hidden = !text;
  }

  function act(event, data, done) {
    showError("");
    view.socket.timeout(10000).emit(event, data || {}, function (err, reply) {
      if (err) return showError(Kiosk.t("The kiosk did not answer. Check the laptop, then try again."));
      if (!reply.ok) return showError(reply.error);
      if (done) done(reply);
    });
  }

  function render(state) {
    var desk = state.desk, attendance = state.attendance;
    if (!desk) return;
    $("admitted-count").textContent = attendance.admitted;
    $("waiting-count").textContent = desk.waiting.length;
    $("without-phones").textContent = attendance.without_phones;
    $("slips-redeemed").textContent = desk.slips.redeemed;
    $("slips-printed").textContent = desk.slips.printed;
  }

  var view = Kiosk.follow("facilitator", render);
  view.socket.on("desk", function (desk) {
    view.state.desk = desk;
    view.state.attendance = desk.attendance;
    render(view.state);
  });

  $("set-mode").addEventListener("click", function () {
    if (!window.confirm(Kiosk.t("Change how phones are admitted? Every phone must be admitted again."))) return;
    act("set_voting_mode", { mode: $("voting-mode").value }, function (reply) {
      if (reply.desk) { view.state.desk = reply.desk; render(view.state); }
    });
  });
  if ($("rehearsal-start")) {
    $("rehearsal-start").addEventListener("click", function () {
      act("rehearsal_start", {}, function () { window.location.href = $("back-to-console").href; });
    });
  }
})();
