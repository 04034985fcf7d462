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
      var admit = Kiosk.make("button", "button primary", Kiosk.t("Admit"));
      admit.type = "button";
      admit.setAttribute("aria-label", Kiosk.t("Admit number %(number)s", { number: person.id }));
      admit.addEventListener("click", function () { act("admit", { attendee_id: person.id }); });
      li.appendChild(admit);
      list.appendChild(li);
    });
    document.getElementById("nobody-waiting").hidden = state.waiting.length > 0;
    document.getElementById("waiting-section").hidden = state.mode !== "desk";
    renderSheets();
  }

  var LAST = {
    inside: Kiosk.t("Last line: inside the area."),
    outside: Kiosk.t("Last line: outside the area."),
    not_given: Kiosk.t("Last line: no postcode.")
  };

  /* The sign-in sheet lines: shown once the console has set the area's postcodes. */
  function renderSheets() {
    var sheets = state.sheets, box = document.getElementById("sheet-needs");
    document.getElementById("sheets-section").hidden = !sheets.area.length;
    if (!box.querySelector("input")) {
      sheets.needs.forEach(function (pair) {
        var label = Kiosk.make("label", "checkbox"), tick = Kiosk.make("input");
        tick.type = "checkbox";
        tick.value = pair[0];
        label.appendChild(tick);
        label.appendChild(document.createTextNode(" " + pair[1]));
        box.appendChild(label);
      });
    }
    var lines = sheets.lines;
    document.getElementById("sheet-counts").textContent = Kiosk.t(
      "Entered tonight: %(inside)s inside the area, %(outside)s outside, %(not_given)s with no postcode.",
      lines);
    var last = sheets.last;
    document.getElementById("sheet-last").hidden = !last;
    if (last) {
      document.getElementById("sheet-last-words").textContent = LAST[last.residency] + " " +
        (last.needs.length ? Kiosk.n("%(num)s need ticked.", "%(num)s needs ticked.", last.needs.length) + " " : "");
    }
  }

  var socket = Kiosk.connect("desk", null, function (snapshot) {
    state = snapshot;
    render();
  });
  socket.on("desk", function (desk) {
    state = desk;
    render();
  });

  function act(event, data, done) {
    errorEl.hidden = true;
    socket.timeout(10000).emit(event, data, function (err, reply) {
      var problem = err ? Kiosk.t("The kiosk did not answer. Try again.") : (!reply.ok && reply.error);
      if (problem) {
        errorEl.textContent = problem;
        errorEl.hidden = false;
        return;
      }
      state = reply.desk;
      render();
      if (done) done();
    });
  }

  function setWithout(delta) {
    act("without_phones", { count: Math.max(0, state.attendance.without_phones + delta) });
  }
  document.getElementById("more").addEventListener("click", function () { setWithout(1); });
  document.getElementById("sheet-line").addEventListener("submit", function (e) {
    e.preventDefault();
    var ticks = document.querySelectorAll("#sheet-needs input:checked");
    var needs = Array.prototype.map.call(ticks, function (t) { return t.value; });
    act("sign_in_line", { postcode: document.getElementById("sheet-postcode").value, needs: needs }, function () {
      document.getElementById("sheet-postcode").value = "";
      Array.prototype.forEach.call(ticks, function (t) { t.checked = false; });
    });
  });
  document.getElementById("sheet-undo").addEventListener("click", function () { act("sign_in_line_undo", {}); });
  document.getElementById("fewer").addEventListener("click", function () { setWithout(-1); });
  render();
})();
