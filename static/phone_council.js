/* A council delegate's phone: who they are and what their mandate says on the round, kept
   current on connect, when a round opens or closes, and after each vote this phone sends. */
"use strict";

(function () {
  var make = Kiosk.make, clear = Kiosk.clear;
  var code = document.getElementById("phone").getAttribute("data-code");
  var who = document.getElementById("mandate-who");
  var box = document.getElementById("mandate-round");
  var rights = document.getElementById("mandate-rights");
  var unbound = document.getElementById("mandate-unbound");
  var socket = null;

  function render(reply) {
    var d = reply.delegate, shown = reply.instruction;
    clear(who);
    who.appendChild(make("strong", null, d.who));
    rights.textContent = d.rights;
    rights.hidden = !d.rights;
    unbound.textContent = d.unbound;
    unbound.hidden = !d.unbound;
    clear(box);
    if (shown && shown.open) {
      var words = make("p", "words" + (shown.may_vote ? "" : " refuses"), shown.words);
      words.id = "mandate-words";
      box.appendChild(words);
      if (shown.limits && shown.position !== "free") {
        box.appendChild(make("p", "hint", Kiosk.t("Limits: %(limits)s", { limits: shown.limits })));
      }
    }
    if (shown) {
      var seat = make("p", null, shown.seat_words);
      seat.id = "mandate-seat";
      box.appendChild(seat);
    } else {
      box.appendChild(make("p", "hint", Kiosk.t("When the council votes, your mandate's instruction appears here.")));
    }
  }

  function ask() {
    if (!socket || !socket.connected) return;
    socket.timeout(10000).emit("my_instruction", { code: code }, function (err, reply) {
      if (!err && reply && reply.ok) render(reply);
    });
  }

  Kiosk.extend(function (s) {
    socket = s;
    s.on("round", ask);
    s.on("seat_voted", ask);  // a co-delegate on another phone voted for the same seat
  }, function () { ask(); });

  // A vote goes out on the same socket first, so this question is answered after it is counted.
  document.getElementById("round").addEventListener("click", function (event) {
    var target = event.target.closest ? event.target.closest("button") : null;
    if (target) window.setTimeout(ask, 0);
  });
})();
