/* The check-in desk: admit phones by their number, count people without phones. */
"use strict";

(function () {
  var state = JSON.parse(document.getElementById("snapshot").textContent);
  var errorEl = document.getElementById("desk-error");

  function render() {
    document.getElementById("mode").textContent = state.modes[state.mode];
    document.getElementById("without-phones").textContent = state.attendance.without_phones;
    var list = document.getElementById("waiting");
    Kiosk.clear(list);
    state.waiting.forEach(function (person) {
      var li = Kiosk.make("li");
      li.appendChild(Kiosk.make("span", null, person.id + (person.display_name ? " · " + person.display_name : "")));
      var admit = Kiosk.make("button", "button primary", "Admit");
      admit.type = "button";
      admit.setAttribute("aria-label", "Admit number " + person.id);
      admit.addEventListener("click", function () { act("admit", { attendee_id: person.id }); });
      li.appendChild(admit);
      list.appendChild(li);
    });
    document.getElementById("nobody-waiting").hidden = state.waiting.length > 0;
    document.getElementById("waiting-section").hidden = state.mode !== "desk";
  }

  var socket = Kiosk.connect("desk", null, function (snapshot) {
    state = snapshot;
    render();
  });
  socket.on("desk", function (desk) {
    state = desk;
    render();
  });

  function act(event, data) {
    errorEl.hidden = true;
    socket.timeout(10000).emit(event, data, function (err, reply) {
      var problem = err ? "The kiosk did not answer. Try again." : (!reply.ok && reply.error);
      if (problem) {
        errorEl.textContent = problem;
        errorEl.hidden = false;
        return;
      }
      state = reply.desk;
      render();
    });
  }

  function setWithout(delta) {
    act("without_phones", { count: Math.max(0, state.attendance.without_phones + delta) });
  }
  document.getElementById("more").addEventListener("click", function () { setWithout(1); });
  document.getElementById("fewer").addEventListener("click", function () { setWithout(-1); });
  render();
})();
