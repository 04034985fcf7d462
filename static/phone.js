/* The attendee's phone: the open round's buttons, and a vote that is never silently lost. */
"use strict";

(function () {
  var root = document.getElementById("phone");
  var code = root.getAttribute("data-code");
  var section = document.getElementById("round");
  var state = null;
  var pending = null; // a vote sent but not yet acknowledged; re-sent after a reconnect
  var message = "";

  function choiceLabel(rnd, value) {
    var label = value;
    rnd.options.forEach(function (o) { if (o.value === value) label = o.label; });
    return label;
  }

  function statusText(rnd) {
    if (message) return message;
    if (pending) return "Sending your vote…";
    if (rnd.my_vote) return "Your vote: " + choiceLabel(rnd, rnd.my_vote.choice) + " — saved ✓";
    return "Tap one to vote. You can change it until the round closes.";
  }

  function renderOpen(rnd) {
    section.appendChild(Kiosk.make("p", "eyebrow", rnd.rule_label));
    section.appendChild(Kiosk.make("h2", "proposal", rnd.text));
    var label = Kiosk.make("label", null, "Reason ");
    label.setAttribute("for", "reason");
    label.appendChild(Kiosk.make("span", "hint", "(for Concerns or Block, up to 500 characters)"));
    var reason = Kiosk.make("textarea");
    reason.id = "reason";
    reason.rows = 3;
    reason.maxLength = 500;
    if (pending) reason.value = pending.reason;
    else if (rnd.my_vote) reason.value = rnd.my_vote.reason || "";
    var buttons = Kiosk.make("div", "vote-buttons");
    rnd.options.forEach(function (o) {
      var chosen = rnd.my_vote && rnd.my_vote.choice === o.value;
      var b = Kiosk.make("button", "vote vote-" + o.value + (chosen ? " chosen" : ""), o.label);
      b.type = "button";
      b.setAttribute("aria-pressed", chosen ? "true" : "false");
      b.addEventListener("click", function () { vote(rnd.id, o.value, reason.value); });
      buttons.appendChild(b);
    });
    var status = Kiosk.make("p", "vote-status" + (message ? " error" : ""), statusText(rnd));
    status.id = "vote-status";
    status.setAttribute("role", "status");
    [label, reason, buttons, status].forEach(function (el) { section.appendChild(el); });
  }

  function renderClosed(rnd) {
    section.appendChild(Kiosk.make("p", "eyebrow", "Round closed"));
    section.appendChild(Kiosk.make("h2", "proposal", rnd.text));
    section.appendChild(Kiosk.make("p", "outcome outcome-" + rnd.outcome, rnd.explanation));
    if (message) section.appendChild(Kiosk.make("p", "error", message));
  }

  function render() {
    var focused = document.activeElement && document.activeElement.id === "reason";
    Kiosk.clear(section);
    var rnd = state.round;
    if (!rnd) {
      section.appendChild(Kiosk.make("h2", null, "Nothing to vote on yet."));
      section.appendChild(Kiosk.make("p", "big",
        "Look up at the big screen — when the facilitator opens a round, it appears here."));
    } else if (rnd.status === "open") {
      renderOpen(rnd);
      if (focused) document.getElementById("reason").focus();
    } else {
      renderClosed(rnd);
    }
  }

  function send() {
    if (!pending || !socket.connected) return;
    var sent = pending;
    socket.emit("vote", sent, function (reply) {
      if (pending !== sent) return; // a newer tap replaced this one
      pending = null;
      if (reply && reply.ok) {
        message = "";
        if (state.round && state.round.id === sent.round_id) state.round.my_vote = reply.vote;
      } else {
        message = (reply && reply.error) || "Your vote was not saved. Please try again.";
      }
      render();
    });
  }

  function vote(roundId, choice, reason) {
    pending = { code: code, round_id: roundId, choice: choice, reason: reason };
    message = "";
    render();
    send();
  }

  var socket = Kiosk.connect("phone", code, function (snapshot) {
    state = snapshot;
    if (pending && !(state.round && state.round.id === pending.round_id &&
                     state.round.status === "open")) {
      pending = null;
    }
    render();
    send();
  });
  socket.on("round", function (rnd) {
    var previous = state && state.round;
    rnd.my_vote = previous && previous.id === rnd.id ? previous.my_vote : null;
    if (!previous || previous.id !== rnd.id) message = "";
    if (pending && rnd.id === pending.round_id && rnd.status !== "open") {
      pending = null;
      message = "This round closed before your vote arrived, so it was not counted.";
    }
    state = state || {};
    state.round = rnd;
    render();
  });
})();
