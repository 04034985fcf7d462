/* The attendee's phone: the open round's ballot, and a vote that is never silently lost. */
"use strict";

(function () {
  var root = document.getElementById("phone");
  var code = root.getAttribute("data-code");
  var section = document.getElementById("round");
  var state = null;
  var pending = null; // a vote sent but not yet acknowledged; re-sent after a reconnect
  var ACK_TIMEOUT = 8000; // ms to wait for the kiosk to confirm a vote before saying so
  var stalled = false; // the kiosk did not confirm in time: say so, and offer to send again
  var sends = 0; // how often the pending vote has been sent
  var draft = []; // picks so far in an approval or ranked round
  var message = "";
  var typedSlip = ""; // what is in the slip box while the page redraws

  function labelOf(rnd, value) {
    var label = value;
    rnd.options.forEach(function (o) { if (o.value === value) label = o.label; });
    return label;
  }

  function choosing(rnd) { return rnd.kind === "approval" || rnd.kind === "ranked"; }

  function statusText(rnd) {
    if (message) return message;
    if (pending) return Kiosk.t("Sending your vote…");
    var mine = rnd.my_vote;
    if (mine && mine.secret) return Kiosk.t("Your secret ballot is in ✓. It cannot be changed.");
    if (mine && choosing(rnd)) {
      return rnd.kind === "ranked"
        ? Kiosk.t("Your ranking: %(choices)s — saved ✓", { choices: mine.choice.join(" › ") })
        : Kiosk.t("Your picks: %(choices)s — saved ✓", { choices: mine.choice.join(", ") });
    }
    if (mine) return Kiosk.t("Your vote: %(choice)s — saved ✓", { choice: labelOf(rnd, mine.choice) });
    if (rnd.visibility === "secret") return Kiosk.t("Secret ballot: once cast, it cannot be changed.");
    if (choosing(rnd)) {
      return rnd.kind === "ranked" ? Kiosk.t("Tap the options in order of preference, then send.")
        : Kiosk.t("Pick up to %(most)s, then send.", { most: rnd.max_choices });
    }
    return root.getAttribute("data-tap-to-vote");  // the page's words: one source
  }

  function button(text, className, onClick, pressed) {
    var b = Kiosk.make("button", className, text);
    b.type = "button";
    if (pressed !== undefined) b.setAttribute("aria-pressed", pressed ? "true" : "false");
    b.addEventListener("click", onClick);
    return b;
  }

  function reasonBox(rnd) {
    var wrap = Kiosk.make("div", "stack");
    var label = Kiosk.make("label", null, Kiosk.t("Reason") + " ");
    label.setAttribute("for", "reason");
    label.appendChild(Kiosk.make("span", "hint", Kiosk.t("(for Concerns or Block, up to 500 characters)")));
    var reason = Kiosk.make("textarea");
    reason.id = "reason";
    reason.rows = 3;
    reason.maxLength = 500;
    if (pending && typeof pending.choice === "string") reason.value = pending.reason;
    else if (rnd.my_vote && rnd.my_vote.reason) reason.value = rnd.my_vote.reason;
    wrap.appendChild(label);
    wrap.appendChild(reason);
    return wrap;
  }

  function singleChoice(rnd) {
    var needsReason = rnd.options.some(function (o) { return o.reason; });
    if (needsReason) section.appendChild(reasonBox(rnd));
    var locked = rnd.my_vote && rnd.my_vote.secret;
    var buttons = Kiosk.make("div", "vote-buttons" + (rnd.kind === "fist" ? " fist" : ""));
    rnd.options.forEach(function (o) {
      var chosen = Boolean(rnd.my_vote && rnd.my_vote.choice === o.value);
      var b = button(o.label, "vote vote-" + o.value + (chosen ? " chosen" : ""), function () {
        var reason = document.getElementById("reason");
        vote(rnd.id, o.value, reason ? reason.value : "");
      }, chosen);
      b.disabled = Boolean(locked);
      buttons.appendChild(b);
    });
    section.appendChild(buttons);
  }

  function toggle(rnd, value) {
    var at = draft.indexOf(value);
    if (at >= 0) draft.splice(at, 1);
    else if (rnd.kind === "ranked" || draft.length < rnd.max_choices) draft.push(value);
    else message = Kiosk.t("You can pick at most %(most)s.", { most: rnd.max_choices });
    render();
    message = "";
  }

  function manyChoices(rnd) {
    var locked = rnd.my_vote && rnd.my_vote.secret;
    var list = Kiosk.make("div", "choice-buttons");
    rnd.options.forEach(function (o) {
      var at = draft.indexOf(o.value);
      var mark = at < 0 ? "" : (rnd.kind === "ranked" ? (at + 1) + ". " : "✓ ");
      var b = button(mark + o.label, "choice" + (at >= 0 ? " chosen" : ""),
        function () { toggle(rnd, o.value); }, at >= 0);
      b.setAttribute("aria-label", at < 0 ? o.label : rnd.kind === "ranked"
        ? Kiosk.t("%(option)s, ranked %(place)s", { option: o.label, place: at + 1 })
        : Kiosk.t("%(option)s, picked", { option: o.label }));
      b.disabled = Boolean(locked);
      list.appendChild(b);
    });
    section.appendChild(list);
    var row = Kiosk.make("div", "choice-row");
    var send = button(rnd.kind === "ranked" ? Kiosk.t("Send my ranking") : Kiosk.t("Send my picks"),
      "button primary", function () { vote(rnd.id, draft.slice(), ""); });
    send.disabled = Boolean(locked) || draft.length === 0;
    row.appendChild(send);
    row.appendChild(button(Kiosk.t("Clear"), "button", function () { draft = []; render(); }));
    section.appendChild(row);
  }

  function admissionNotice() {
    var box = Kiosk.make("div", "notice");
    box.setAttribute("role", "status");
    if (state.me.observer) {
      box.appendChild(Kiosk.make("p", null, Kiosk.t("You are observing: observers listen and do not vote.")));
      return box;
    }
    if (state.me.council) {
      box.appendChild(Kiosk.make("p", null,
        Kiosk.t("Your assembly cannot vote at this council; your mandate panel says why.")));
      return box;
    }
    if (state.meeting.voting_mode === "slips") {
      box.appendChild(Kiosk.make("p", null,
        Kiosk.t("To vote, enter the code from the admission slip you were given at the door.")));
      var form = Kiosk.make("form", "stack");
      form.method = "post";
      form.action = root.getAttribute("data-slip-url");
      form.appendChild(Kiosk.tokenField());
      var input = Kiosk.make("input");
      input.name = "slip";
      input.setAttribute("aria-label", Kiosk.t("Slip code"));
      input.autocomplete = "off";
      input.placeholder = Kiosk.t("e.g. %(example)s", { example: "BCDF2-3GHJK" });
      input.value = typedSlip; // a re-render (a round opening) must not wipe a half-typed code
      form.appendChild(input);
      var submit = Kiosk.make("button", "button primary", Kiosk.t("Use my slip"));
      submit.type = "submit";
      form.appendChild(submit);
      box.appendChild(form);
    } else {
      box.appendChild(Kiosk.make("p", "big", Kiosk.t("Show this number at the desk to be admitted:")));
      box.appendChild(Kiosk.make("p", "desk-number", String(state.me.number)));
    }
    return box;
  }

  function renderOpen(rnd) {
    var tags = rnd.rule_label + (rnd.visibility === "secret" ? " · " + Kiosk.t("Secret ballot") : "");
    section.appendChild(Kiosk.make("p", "eyebrow", tags));
    section.appendChild(Kiosk.make("h2", "proposal", rnd.text));
    if (!state.me.admitted) {
      section.appendChild(admissionNotice());
      return;
    }
    if (choosing(rnd)) manyChoices(rnd);
    else singleChoice(rnd);
    var status = Kiosk.make("p", "vote-status" + (message ? " error" : ""), statusText(rnd));
    status.id = "vote-status";
    status.setAttribute("role", "status");
    status.tabIndex = -1; // focus lands here after a vote (render), so keys are not lost to <body>
    section.appendChild(status);
    if (stalled && pending) {
      section.appendChild(button(Kiosk.t("Send my vote again"), "button primary", function () {
        stalled = false;
        message = "";
        render();
        send();
      }));
    }
  }

  function renderClosed(rnd) {
    section.appendChild(Kiosk.make("p", "eyebrow", Kiosk.t("Round closed")));
    section.appendChild(Kiosk.make("h2", "proposal", rnd.text));
    section.appendChild(Kiosk.make("p", "outcome outcome-" + rnd.outcome, rnd.explanation));
    if (message) section.appendChild(Kiosk.make("p", "error", message));
  }

  function render() {
    var focused = document.activeElement && document.activeElement.id === "reason";
    var within = section.contains(document.activeElement); // a tapped or keyed vote button
    var slip = section.querySelector("input[name=slip]");
    var slipFocused = Boolean(slip) && document.activeElement === slip;
    typedSlip = slip ? slip.value : "";
    Kiosk.clear(section);
    var rnd = state.round;
    section.setAttribute("data-live", rnd && rnd.status === "open" ? "open" : "quiet");
    if (!rnd) {
      if (!state.me.admitted) section.appendChild(admissionNotice());
      var nothing = Kiosk.make("div", "p-nothing"); // hidden while something else is live
      nothing.appendChild(Kiosk.make("h2", null, Kiosk.t("Nothing to vote on yet.")));
      nothing.appendChild(Kiosk.make("p", "big",
        Kiosk.t("Look up at the big screen — when the facilitator opens a round, it appears here.")));
      section.appendChild(nothing);
    } else if (rnd.status === "open") {
      renderOpen(rnd);
      if (focused && document.getElementById("reason")) document.getElementById("reason").focus();
    } else {
      renderClosed(rnd);
    }
    slip = section.querySelector("input[name=slip]");
    if (slip && slipFocused) slip.focus();
    var confirmation = document.getElementById("vote-status");
    if (within && !section.contains(document.activeElement) && confirmation) confirmation.focus();
  }

  /* A secret ballot sent again after no answer may already be in: the kiosk says so. */
  function alreadyIn(again, reply) {
    return again && reply && !reply.ok && /already voted in this secret/.test(reply.error);
  }

  function send() {
    if (!pending || !socket.connected) return;
    var sent = pending;
    var again = ++sends > 1;
    socket.timeout(ACK_TIMEOUT).emit("vote", sent, function (late, reply) {
      if (pending !== sent) return; // a newer tap replaced this one
      if (late) {
        stalled = true;
        message = Kiosk.t("The kiosk has not confirmed your vote yet, so it may not have counted. " +
          "Check you are on the hall's Wi-Fi, then send it again.");
        render();
        return;
      }
      pending = null;
      stalled = false;
      if (alreadyIn(again, reply)) reply = { ok: true, vote: { secret: true } };
      if (reply && reply.ok) {
        message = "";
        if (state.round && state.round.id === sent.round_id) {
          state.round.my_vote = reply.vote.secret ? { secret: true }
            : { choice: reply.vote.choice, reason: reply.vote.reason };
        }
      } else {
        message = (reply && reply.error) || Kiosk.t("Your vote was not saved. Please try again.");
      }
      render();
    });
  }

  function vote(roundId, choice, reason) {
    pending = { code: code, round_id: roundId, choice: choice, reason: reason };
    message = "";
    stalled = false;
    sends = 0;
    render();
    send();
  }

  function startRound(rnd, previous) {
    if (!previous || previous.id !== rnd.id) {
      message = "";
      draft = rnd.my_vote && Array.isArray(rnd.my_vote.choice) ? rnd.my_vote.choice.slice() : [];
    }
  }

  var socket = Kiosk.connect("phone", code, function (snapshot) {
    var previous = state && state.round;
    state = snapshot;
    if (state.round) startRound(state.round, previous);
    if (pending && !(state.round && state.round.id === pending.round_id &&
                     state.round.status === "open")) {
      pending = null;
    }
    stalled = false;
    if (pending) message = "";
    render();
    send();
  });
  /* A vote opening is the live thing: bring it into view, and buzz where the phone allows. */
  function announceVote(rnd, previous) {
    if (rnd.status !== "open" || (previous && previous.id === rnd.id)) return;
    window.scrollTo(0, 0);
    if (navigator.vibrate) {
      try { navigator.vibrate(200); } catch (e) { /* not allowed before a tap: fine */ }
    }
  }

  socket.on("round", function (rnd) {
    var previous = state.round;
    announceVote(rnd, previous);
    rnd.my_vote = previous && previous.id === rnd.id ? previous.my_vote : null;
    startRound(rnd, previous);
    if (pending && rnd.id === pending.round_id && rnd.status !== "open") {
      pending = null;
      message = Kiosk.t("This round closed before your vote arrived, so it was not counted.");
    }
    state.round = rnd;
    render();
  });
  socket.on("admitted", function () {
    state.me.admitted = true;
    render();
  });
})();
