/* The console's "before and after the meeting" panel and the legitimacy card. */
"use strict";

(function () {
  var make = Kiosk.make, clear = Kiosk.clear;
  var rec = JSON.parse(document.getElementById("snapshot").textContent).meeting_record;
  var socket = null, pending = null;
  var WORDS = { green: Kiosk.t("Met"), amber: Kiosk.t("Not known yet"), red: Kiosk.t("Not met") };
  var COLOURS = { green: "var(--agree)", amber: "var(--concerns)", red: "var(--block)" };

  function $(id) { return document.getElementById(id); }

  function showError(text) {
    $("mr-error").textContent = text || "";
    $("mr-error").hidden = !text;
    if (text) $("mr-error").scrollIntoView({ block: "nearest" });
  }

  function act(event, data, done) {
    showError("");
    socket.timeout(10000).emit(event, data || {}, function (err, reply) {
      if (err) return showError(Kiosk.t("The kiosk did not answer. Check the laptop, then try again."));
      if (!reply.ok) return showError(reply.error);
      if (reply.meeting_record) adopt(reply.meeting_record);
      if (done) done(reply);
    });
  }

  function button(label, onClick) {
    var b = make("button", "button f-small", label);
    b.type = "button";
    b.addEventListener("click", onClick);
    return b;
  }

  /* Put a value in a field, unless the facilitator is typing in it. */
  function fill(id, value) {
    if (document.activeElement !== $(id)) $(id).value = value;
  }

  function drawDetails() {
    var d = rec.details;
    fill("mr-held-on", d.held_on || d.date);
    fill("mr-starts-at", d.starts_at || "");
    fill("mr-childcare", d.childcare);
    fill("mr-venue", d.venue);
    fill("mr-notice-on", d.notice_on || "");
    fill("mr-residents-without", d.residents_without_phones);
    fill("mr-access", d.access_features.join("\n"));
    fill("mr-channels", d.notice_channels.join("\n"));
    fill("mr-results", d.results_go_to);
  }

  function drawAssembly() {
    var a = rec.assembly;
    fill("mr-area", a.area.join(", "));
    fill("mr-languages", a.languages.filter(function (l) { return l.code !== "en"; })
      .map(function (l) { return l.name.split(" (")[0]; }).join(", "));
    fill("mr-retention", a.retention_days);
    fill("mr-contact", a.contact);
    $("mr-language-list").textContent = a.languages.map(function (l) {
      return l.name + (l.ready ? "" : l.missing === null ? " " + Kiosk.t("(no translation yet)") : " " + Kiosk.t("(translation incomplete)"));
    }).join(", ") + ".";
  }

  var WHERE = [["inside", Kiosk.t("inside the area")], ["outside", Kiosk.t("outside it")], ["not_given", Kiosk.t("gave no postcode")]];

  function drawWhoCame() {
    var r = rec.legitimacy.residency;
    $("mr-residency").textContent = $("mr-card-residency").textContent = !r.area.length
      ? Kiosk.t("Set the area's postcodes to count residents by where they live; until then, by their own word.")
      : Kiosk.t("Tonight: %(counts)s.", { counts: WHERE.map(function (w) { return r[w[0]] + " " + w[1]; }).join(", ") +
        (r.declared ? " " + Kiosk.t("(%(num)s of them said they live here)", { num: r.declared }) : "") });
    var list = $("mr-needs"), asked = rec.access_needs.totals.filter(function (n) { return n.count; });
    clear(list);
    asked.forEach(function (n) { list.appendChild(make("li", null, n.label + ": " + n.count)); });
    if (!asked.length) list.appendChild(make("li", "hint", Kiosk.t("No access needs asked for yet.")));
    var notes = $("mr-needs-notes");
    clear(notes);
    rec.access_needs.notes.forEach(function (note) { notes.appendChild(make("li", null, "“" + note + "”")); });
  }

  function drawOverdue() {
    var list = $("mr-overdue");
    clear(list);
    rec.overdue.forEach(function (s) {
      list.appendChild(make("li", "late", Kiosk.t("Overdue since %(day)s: “%(words)s” (%(route)s, to %(recipient)s)", {
        day: s.reply_due, words: s.wording.slice(0, 80), route: s.route_label, recipient: s.recipient.split("\n")[0] })));
    });
    if (!rec.overdue.length) list.appendChild(make("li", "hint", Kiosk.t("No reply is overdue.")));
  }

  function drawFound(found) {
    var list = $("mr-found");
    clear(list);
    found.forEach(function (p) {
      var li = make("li", null, Kiosk.t("Number %(number)s: %(name)s · %(meeting)s, %(day)s", {
        number: p.id, name: p.name || Kiosk.t("no name"), meeting: p.meeting, day: p.date }) + " ");
      var data = make("a", "button f-small", Kiosk.t("Their data"));
      data.href = "/facilitate/attendees/" + p.id + "/data.json";
      li.appendChild(data);
      if (p.erased) li.appendChild(make("span", "hint", " " + Kiosk.t("erased")));
      else li.appendChild(button(Kiosk.t("Erase"), function () {
        if (!window.confirm(Kiosk.t("Erase the details of number %(number)s? Their name becomes “Attendee %(number)s”; " +
          "their postcode area and needs are dropped; every count stays.", { number: p.id }))) return;
        act("attendee_erase", { attendee_id: p.id }, function () { $("mr-find").value = String(p.id); find(); });
      }));
      list.appendChild(li);
    });
    if (!found.length) list.appendChild(make("li", "hint", Kiosk.t("Nobody found.")));
  }

  function find() {
    act("attendee_find", { words: $("mr-find").value }, function (reply) { drawFound(reply.found); });
  }

  function drawOutreach() {
    var list = $("mr-outreach");
    clear(list);
    rec.outreach.forEach(function (o) {
      var words = o.date + " · " + o.label + (o.detail ? ": " + o.detail : "") +
        (o.languages.length ? " (" + o.languages.join(", ") + ")" : "") + " ";
      var li = make("li", null, words);
      li.appendChild(button(Kiosk.t("Remove"), function () { act("outreach_remove", { outreach_id: o.id }); }));
      list.appendChild(li);
    });
    if (!rec.outreach.length) list.appendChild(make("li", "hint", Kiosk.t("No outreach logged yet.")));
  }

  function drawRoles() {
    var list = $("mr-roles");
    clear(list);
    rec.roles.forEach(function (r) {
      var gender = label(rec.choices.genders, r.gender);
      var li = make("li", null, r.role + ": " + r.name + (r.gender ? " (" + gender + ")" : "") + " ");
      if (r.id === null) li.appendChild(make("span", "hint", Kiosk.t("known to the kiosk")));
      else li.appendChild(button(Kiosk.t("Remove"), function () { act("role_remove", { role_id: r.id }); }));
      list.appendChild(li);
    });
    if (!rec.roles.length) list.appendChild(make("li", "hint", Kiosk.t("No roles recorded yet.")));
  }

  function drawActions() {
    var list = $("mr-actions");
    clear(list);
    rec.actions.forEach(function (a) {
      var li = make("li", null, Kiosk.t("%(what)s — %(owner)s · by", { what: a.what, owner: a.owner }) + " ");
      var when = make("input");
      when.type = "date";
      when.value = a.deadline || "";
      when.setAttribute("aria-label", Kiosk.t("Deadline of %(what)s", { what: a.what }));
      when.addEventListener("change", function () {
        act("action_deadline", { action_id: a.id, deadline: when.value });
      });
      li.appendChild(when);
      list.appendChild(li);
    });
    if (!rec.actions.length) list.appendChild(make("li", "hint", Kiosk.t("No actions agreed yet (add them under Close).")));
  }

  function drawCard(box, criteria) {
    clear(box);
    criteria.forEach(function (c) {
      var card = make("div", "f-group");
      card.style.setProperty("--group", COLOURS[c.status]);
      card.setAttribute("data-criterion", c.key);
      card.setAttribute("data-status", c.status);
      card.appendChild(make("strong", null, WORDS[c.status] + " · " + c.label));
      card.appendChild(make("span", null, c.reason));
      box.appendChild(card);
    });
  }

  function drawLegitimacy() {
    var card = rec.legitimacy;
    $("mr-summary").textContent = card.summary;
    $("mr-rolling-heading").textContent = Kiosk.n("Regularly: the last %(num)s meeting",
                                                  "Regularly: the last %(num)s meetings", card.rolling.window);
    drawCard($("mr-card"), card.meeting);
    drawCard($("mr-rolling"), card.rolling.criteria);
  }

  function adopt(part) {
    rec = part;
    drawDetails(); drawOutreach(); drawRoles(); drawActions(); drawLegitimacy();
    drawAssembly(); drawWhoCame(); drawOverdue();
  }

  /* Check-ins, rounds and stages change the card: ask for it afresh, at most every 2 seconds. */
  function refreshSoon() {
    if (pending || !socket) return;
    pending = setTimeout(function () {
      pending = null;
      socket.emit("meeting_record_sync", {}, function (reply) { if (reply && reply.ok) adopt(reply.meeting_record); });
    }, 2000);
  }

  function lines(id) { return $(id).value.split("\n"); }

  /* Find the label of a value among [value, label] pairs. */
  function label(pairs, value) {
    var found = pairs.filter(function (pair) { return pair[0] === value; })[0];
    return found ? found[1] : value;
  }

  function options(id, pairs, blank) {
    pairs.forEach(function (pair) { $(id).appendChild(new Option(pair[0] ? pair[1] : blank, pair[0])); });
  }

  function setup() {
    var c = rec.choices;
    options("mr-o-kind", c.outreach_kinds);
    options("mr-r-role", c.roles);
    options("mr-r-gender", c.genders, Kiosk.t("Gender: not given"));
    $("mr-details").addEventListener("submit", function (e) {
      e.preventDefault();
      act("meeting_details", {
        held_on: $("mr-held-on").value, venue: $("mr-venue").value, notice_on: $("mr-notice-on").value,
        starts_at: $("mr-starts-at").value, childcare: $("mr-childcare").value,
        residents_without_phones: parseInt($("mr-residents-without").value || "0", 10),
        access_features: lines("mr-access"), notice_channels: lines("mr-channels"),
        results_go_to: $("mr-results").value
      });
    });
    c.phrases.forEach(function (phrase) { $("mr-phrase-list").appendChild(new Option(phrase)); });
    $("mr-phrases").textContent = Kiosk.t("Lines typed exactly as these are translated on the invitation: %(lines)s.",
                                          { lines: c.phrases.join(", ") });
    $("mr-assembly").addEventListener("submit", function (e) {
      e.preventDefault();
      act("assembly_settings", {
        area: $("mr-area").value.split(/[,;\n]/), languages: $("mr-languages").value.split(","),
        retention_days: parseInt($("mr-retention").value || "0", 10), contact: $("mr-contact").value
      });
    });
    $("mr-find-form").addEventListener("submit", function (e) { e.preventDefault(); find(); });
    $("mr-outreach-form").addEventListener("submit", function (e) {
      e.preventDefault();
      act("outreach_add", {
        date: $("mr-o-date").value, kind: $("mr-o-kind").value, detail: $("mr-o-detail").value,
        languages: $("mr-o-languages").value.split(",")
      }, function () { $("mr-o-detail").value = ""; });
    });
    $("mr-role-form").addEventListener("submit", function (e) {
      e.preventDefault();
      act("role_add", { role: $("mr-r-role").value, name: $("mr-r-name").value, gender: $("mr-r-gender").value },
        function () { $("mr-r-name").value = ""; });
    });
  }

  Kiosk.extend(function (s) {
    socket = s;
    socket.on("meeting_record", adopt);
    ["counts", "round", "process", "delegates", "desk"].forEach(function (name) { socket.on(name, refreshSoon); });
  }, function (snapshot) { if (snapshot.meeting_record) adopt(snapshot.meeting_record); });

  setup();
  adopt(rec);
})();
