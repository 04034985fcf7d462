/* The phone's part in electing and recalling delegates: stand for an open seat, sign a recall
   petition (after a second tap to confirm). Every action waits for the kiosk's answer. */
"use strict";

(function () {
  var make = Kiosk.make, clear = Kiosk.clear;
  var code = document.getElementById("phone").getAttribute("data-code");
  var section = document.getElementById("d-phone");
  var part = null, myName = "", socket = null, asked = 0, refreshing = null;
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
      if (err) return say("The kiosk did not answer. Please try again.", true);
      if (!reply.ok) return say(reply.error, true);
      say("");
      done(reply);
    });
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
    return labelled("Your name on the ballot (blank: " + (myName || "your check-in name") + ")", input,
                    "d-stand-name");
  }

  function genderSelect() {
    var select = make("select");
    GENDERS.concat(Object.keys(part.genders).filter(function (g) { return GENDERS.indexOf(g) < 0; }))
      .forEach(function (g) {
        if (g in part.genders) select.appendChild(new Option(g ? part.genders[g] : "Prefer not to say", g));
      });
    select.value = typed.gender;
    select.addEventListener("change", function () { typed.gender = select.value; });
    return labelled("Gender (optional; used only for gender-balanced pairs)", select, "d-stand-gender");
  }

  function standForm(seat) {
    var form = make("form", "stack");
    form.appendChild(nameInput());
    form.appendChild(genderSelect());
    var row = make("div", "choice-row");
    var send = make("button", "button primary", "Put my name forward");
    send.type = "submit";
    row.appendChild(send);
    row.appendChild(button("Cancel", "button", function () { standing = null; render(); }));
    form.appendChild(row);
    form.addEventListener("submit", function (e) {
      e.preventDefault();
      ask("stand", { seat_id: seat.id, name: typed.name, gender: typed.gender }, function () {
        seat.standing = true;
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
      box.appendChild(make("p", "notice", "You are standing for " + seat.council + " ✓"));
    } else if (standing === seat.id) {
      box.appendChild(make("h3", null, "Stand for " + seat.council));
      box.appendChild(standForm(seat));
    } else {
      box.appendChild(button("Stand for " + seat.council, "button", function () {
        standing = seat.id;
        render();
        if ($("d-stand-name")) $("d-stand-name").focus();
      }));
    }
    return box;
  }

  function signatures(m) {
    return m.signed + " of " + m.needed + " signature" + (m.needed === 1 ? "" : "s");
  }

  function confirmStep(m) {
    var box = make("div", "stack");
    box.appendChild(make("p", null, "Your signature asks the assembly to vote on recalling " + m.delegate +
      ". It cannot be taken back."));
    var row = make("div", "choice-row");
    row.appendChild(button("Yes, sign", "button primary", function () {
      ask("sign_recall", { mandate_id: m.id }, function (reply) {
        m.signed = reply.petition.signed;
        m.needed = reply.petition.needed;
        m.reached = reply.petition.reached;
        m.signed_by_me = true;
        confirming = null;
        render();
      });
    }));
    row.appendChild(button("Cancel", "button", function () { confirming = null; render(); }));
    box.appendChild(row);
    return box;
  }

  function mandateBlock(m) {
    var box = make("div");
    box.setAttribute("data-mandate", m.id);
    box.appendChild(make("p", null, "Our delegate to " + m.council + ": " + m.delegate));
    var count = make("p", "d-phone-count", "Recall petition: " + signatures(m));
    box.appendChild(count);
    if (m.reached) box.appendChild(make("p", "hint", "Enough have signed: the recall vote is on tonight's agenda."));
    if (m.signed_by_me) {
      box.appendChild(make("p", "notice", "You signed ✓"));
    } else if (confirming === m.id) {
      box.appendChild(confirmStep(m));
    } else {
      box.appendChild(button("Sign the recall petition for " + m.delegate + " (" + m.council + ")", "button",
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

  /* After a change, ask for the snapshot again, at a moment of its own so a hall of phones
     does not ask all at once; several changes in a row make one request. */
  function refresh() {
    if (refreshing) return;
    refreshing = setTimeout(function () {
      refreshing = null;
      var mine = ++asked;
      socket.emit("hello", { role: "phone", code: code }, function (reply) {
        if (mine === asked && reply && reply.ok) adopt(reply.snapshot);
      });
    }, 150 + Math.random() * 1000);
  }

  Kiosk.extend(function (s) {
    socket = s;
    socket.on("delegates", refresh);
  }, adopt);
})();
