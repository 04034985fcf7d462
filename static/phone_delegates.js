/* The phone's part in electing and recalling delegates: stand for an open seat, sign a recall
   petition (after a second tap to confirm). Every action waits for the kiosk's answer. */
"use strict";

(function () {
  var make = Kiosk.make, clear = Kiosk.clear;
  var code = document.getElementById("phone").getAttribute("data-code");
  var section = document.getElementById("d-phone");
  var part = null, myName = "", socket = null;
  var standing = null; // the seat whose "stand" form is open
  var typed = { name: "", gender: "" }; // what is in that form while the card redraws
  var confirming = null; // the mandate whose petition is waiting for "Yes, sign"
  var GENDERS = ["", "woman", "man", "nonbinary"];

  function $(id) { return document.getElementById(id); }

  // Standing and recall sit just below the vote, above the speakers' stack and hand signals.
  var round = $("round");
  round.parentNode.insertBefore(section, round.nextSibling);

  function say(text, isError) {
    $("d-phone-status").textContent = text || "";
    $("d-phone-status").className = "p-status" + (isError ? " error" : "");
    $("d-phone-status").hidden = !text;
  }

  function ask(event, data, done) {
    say("Sending…");
    data.code = code;
    socket.timeout(10000).emit(event, data, function (err, reply) {
      if (err) return say(Kiosk.t("The kiosk did not answer. Please try again."), true);
      if (!reply.ok) return say(reply.error, true);
      say("");
      done(reply);
    });
  }

  /* Return the entry with this id in the current list (or a stand-in if it has gone). */
  function current(list, id) {
    var found = {};
    part[list].forEach(function (entry) { if (entry.id === id) found = entry; });
    return found;
  }

  function button(text, className, onClick) {
    var b = make("button", className, text);
    b.type = "button";
    b.addEventListener("click", onClick);
    return b;
  }

  function labelled(text, input, id) {
    var wrap = make("div", "stack"), label = make("label", null, text);
    input.id = id;
    label.setAttribute("for", id);
    wrap.appendChild(label);
    wrap.appendChild(input);
    return wrap;
  }

  function nameInput() {
    var input = make("input");
    input.maxLength = 80;
    input.autocomplete = "name";
    input.placeholder = myName;
    input.value = typed.name;
    input.addEventListener("input", function () { typed.name = input.value; });
    var blank = myName || Kiosk.t("your check-in name");
    return labelled(Kiosk.t("Your name on the ballot (blank: %(name)s)", { name: blank }), input,
                    "d-stand-name");
  }

  function genderSelect() {
    var select = make("select");
    GENDERS.concat(Object.keys(part.genders).filter(function (g) { return GENDERS.indexOf(g) < 0; }))
      .forEach(function (g) {
        if (g in part.genders) select.appendChild(new Option(g ? part.genders[g] : Kiosk.t("Prefer not to say"), g));
      });
    select.value = typed.gender;
    select.addEventListener("change", function () { typed.gender = select.value; });
    return labelled(Kiosk.t("Gender (optional; used only for gender-balanced pairs)"), select, "d-stand-gender");
  }

  function standForm(seat) {
    var form = make("form", "stack");
    form.appendChild(nameInput());
    form.appendChild(genderSelect());
    var row = make("div", "choice-row");
    var send = make("button", "button primary", Kiosk.t("Put my name forward"));
    send.type = "submit";
    row.appendChild(send);
    row.appendChild(button(Kiosk.t("Cancel"), "button", function () { standing = null; render(); }));
    form.appendChild(row);
    form.addEventListener("submit", function (e) {
      e.preventDefault();
      ask("stand", { seat_id: seat.id, name: typed.name, gender: typed.gender }, function () {
        current("seats", seat.id).standing = true; // a push may have replaced the list meanwhile
        standing = null;
        typed = { name: "", gender: "" };
        render();
      });
    });
    return form;
  }

  function seatBlock(seat) {
    var box = make("div");
    box.setAttribute("data-seat", seat.id);
    if (seat.standing) {
      box.appendChild(make("p", "notice", Kiosk.t("You are standing for %(council)s ✓", { council: seat.council })));
    } else if (standing === seat.id) {
      box.appendChild(make("h3", null, Kiosk.t("Stand for %(council)s", { council: seat.council })));
      box.appendChild(standForm(seat));
    } else {
      box.appendChild(button(Kiosk.t("Stand for %(council)s", { council: seat.council }), "button", function () {
        standing = seat.id;
        render();
        if ($("d-stand-name")) $("d-stand-name").focus();
      }));
    }
    return box;
  }

  function signatures(m) {
    return Kiosk.n("%(signed)s of %(num)s signature", "%(signed)s of %(num)s signatures", m.needed, { signed: m.signed });
  }

  function confirmStep(m) {
    var box = make("div", "stack");
    box.appendChild(make("p", null, Kiosk.t("Your signature asks the assembly to vote on recalling %(delegate)s. " +
      "It cannot be taken back.", { delegate: m.delegate })));
    var row = make("div", "choice-row");
    row.appendChild(button(Kiosk.t("Yes, sign"), "button primary", function () {
      ask("sign_recall", { mandate_id: m.id }, function (reply) {
        var now = current("mandates", m.id);
        now.signed = reply.petition.signed;
        now.needed = reply.petition.needed;
        now.reached = reply.petition.reached;
        now.signed_by_me = true;
        confirming = null;
        render();
      });
    }));
    row.appendChild(button(Kiosk.t("Cancel"), "button", function () { confirming = null; render(); }));
    box.appendChild(row);
    return box;
  }

  function mandateBlock(m) {
    var box = make("div");
    box.setAttribute("data-mandate", m.id);
    box.appendChild(make("p", null, Kiosk.t("Our delegate to %(council)s: %(delegate)s", { council: m.council, delegate: m.delegate })));
    var count = make("p", "d-phone-count", Kiosk.t("Recall petition: %(signatures)s", { signatures: signatures(m) }));
    box.appendChild(count);
    if (m.reached) box.appendChild(make("p", "hint", Kiosk.t("Enough have signed: the recall vote is on tonight's agenda.")));
    if (m.signed_by_me) {
      box.appendChild(make("p", "notice", Kiosk.t("You signed ✓")));
    } else if (confirming === m.id) {
      box.appendChild(confirmStep(m));
    } else {
      box.appendChild(button(Kiosk.t("Sign the recall petition for %(delegate)s (%(council)s)", { delegate: m.delegate, council: m.council }), "button",
        function () { confirming = m.id; render(); }));
    }
    return box;
  }

  function render() {
    var focusedName = document.activeElement && document.activeElement.id === "d-stand-name";
    clear($("d-phone-seats"));
    clear($("d-phone-mandates"));
    part.seats.forEach(function (seat) { $("d-phone-seats").appendChild(seatBlock(seat)); });
    part.mandates.forEach(function (m) { $("d-phone-mandates").appendChild(mandateBlock(m)); });
    $("d-phone-seats").hidden = !part.seats.length;
    $("d-phone-mandates").hidden = !part.mandates.length;
    section.hidden = !part.seats.length && !part.mandates.length;
    if (focusedName && $("d-stand-name")) $("d-stand-name").focus();
  }

  function adopt(snapshot) {
    part = snapshot.delegates;
    myName = snapshot.me.name || "";
    render();
  }

  /* Take the public part the kiosk pushed, keeping what this phone did (stood, signed). */
  function update(pushed) {
    if (!part || !pushed || !pushed.seats) return;
    var stood = {}, signed = {};
    part.seats.forEach(function (s) { stood[s.id] = s.standing; });
    part.mandates.forEach(function (m) { signed[m.id] = m.signed_by_me; });
    pushed.seats.forEach(function (s) { s.standing = Boolean(stood[s.id]); });
    pushed.mandates.forEach(function (m) { m.signed_by_me = Boolean(signed[m.id]); });
    part = pushed;
    render();
  }

  Kiosk.extend(function (s) {
    socket = s;
    socket.on("delegates", update);
  }, adopt);
})();
