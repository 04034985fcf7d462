/* Delegates on the console: seats and elections, the mandate form, mandates with their cards,
   recall petitions and report-backs; on the set-up page, the assembly's identity and councils.
   Each page has only some of these parts: each is drawn where it is. Every action shows the
   kiosk's refusal. */
"use strict";

(function () {
  var make = Kiosk.make, clear = Kiosk.clear;
  var first = JSON.parse(document.getElementById("snapshot").textContent);
  var d = first.delegates;
  var latest = first.round; // the meeting's latest round: an election or a confirmation, perhaps
  var socket = null, asked = 0, refreshing = null;
  var filledFrom = null; // the seat whose election filled the mandate form
  var notes = {}; // a line shown under a mandate after an action, while its status stays
  var STATUS = { draft: Kiosk.t("Draft"), issued: Kiosk.t("In force"), revoked: Kiosk.t("Recalled") };
  var NO_ANSWER = Kiosk.t("The kiosk did not answer. Check the laptop, then try again.");

  // The page's JSON arrives with its keys sorted: list choices in the order people expect.
  var ORDER = ["district", "county", "themed", "must_support", "must_oppose", "free", "report_only",
               "", "woman", "man", "nonbinary"];

  function $(id) { return document.getElementById(id); }
  function each(list, fn) { Array.prototype.forEach.call(list, fn); }

  function ordered(choices) {
    function rank(key) { var at = ORDER.indexOf(key); return at < 0 ? ORDER.length : at; }
    return Object.keys(choices).sort(function (a, b) { return rank(a) - rank(b); });
  }

  function showError(id, text) {
    var el = $(id);
    el.textContent = text || "";
    el.hidden = !text;
    if (text) el.scrollIntoView({ block: "nearest" });
  }

  function act(event, data, errorId, done) {
    showError(errorId, "");
    if (!socket) return showError(errorId, NO_ANSWER);
    socket.timeout(10000).emit(event, data, function (err, reply) {
      if (err) return showError(errorId, NO_ANSWER);
      if (!reply.ok) return showError(errorId, reply.error);
      if (done) done(reply);
    });
  }

  function button(label, onClick, className) {
    var b = make("button", "button f-small" + (className ? " " + className : ""), label);
    b.type = "button";
    b.addEventListener("click", onClick);
    return b;
  }

  /* An input (or select) whose value survives the panel being redrawn. */
  function kept(tag, key, label) {
    var el = make(tag);
    el.setAttribute("data-keep", key);
    el.setAttribute("aria-label", label);
    return el;
  }

  function labelled(text, input) {
    var label = make("label", "stack", text);
    label.appendChild(input);
    return label;
  }

  function fillSelect(select, pairs) {
    var value = select.value;
    clear(select);
    pairs.forEach(function (pair) { select.appendChild(new Option(pair[1], pair[0])); });
    if (pairs.some(function (pair) { return pair[0] === value; })) select.value = value;
  }

  function genderSelect(key, label) {
    var select = kept("select", key, label);
    fillSelect(select, ordered(d.genders).map(function (g) {
      return [g, g ? d.genders[g] : Kiosk.t("Gender: not given")];
    }));
    return select;
  }

  /* Redraw a container, keeping what was typed, ticked, focused or opened inside it. */
  function keep(container, draw) {
    var saved = {}, opened = {}, focused = null;
    each(container.querySelectorAll("[data-keep]"), function (el) {
      var key = el.getAttribute("data-keep");
      if (el.tagName === "DETAILS") opened[key] = el.open;
      else saved[key] = el.type === "checkbox" ? el.checked : el.value;
      if (el === document.activeElement) focused = key;
    });
    draw();
    each(container.querySelectorAll("[data-keep]"), function (el) {
      var key = el.getAttribute("data-keep");
      if (el.tagName === "DETAILS" && key in opened) el.open = opened[key];
      else if (el.type === "checkbox" && key in saved) el.checked = saved[key];
      else if (key in saved) el.value = saved[key];
      if (key === focused) el.focus();
    });
  }

  function deciding(roundId) {
    return Boolean(roundId && latest && latest.id === roundId && latest.status === "open");
  }

  /* -- identity and councils ------------------------------------------------------------- */

  function drawIdentity() {
    $("d-name").textContent = d.assembly.name;
    $("d-area").textContent = d.assembly.area ? "(" + d.assembly.area + ")" : "";
    $("d-fingerprint").textContent = d.assembly.fingerprint;
  }

  function councilLabel(c) {
    return c.name + " · " + (c.level === "themed" ? Kiosk.t("Themed council: %(theme)s", { theme: c.theme }) : d.levels[c.level]);
  }

  function drawCouncils() {
    var list = $("d-councils"), pairs = d.councils.map(function (c) { return [String(c.id), c.name]; });
    if (list) {
      clear(list);
      d.councils.forEach(function (c) { list.appendChild(make("li", null, councilLabel(c))); });
      if (!d.councils.length) list.appendChild(make("li", "hint", Kiosk.t("No councils yet: add the first below.")));
    }
    if (!$("d-seat-council")) return;
    $("d-no-councils").hidden = d.councils.length > 0;
    fillSelect($("d-seat-council"), pairs);
    fillSelect($("d-m-council"), [["", Kiosk.t("Choose a council")]].concat(pairs));
  }

  /* -- seats, candidates and elections ------------------------------------------------------ */

  function candidateLine(c) {
    return c.name + (c.gender ? " (" + d.genders[c.gender] + ")" : "") +
      " · " + (c.attendee_id ? Kiosk.t("stood from a phone") : Kiosk.t("added here"));
  }

  function candidateForm(seat) {
    var row = make("form", "f-row");
    var name = kept("input", "cand-name-" + seat.id, Kiosk.t("Candidate's name"));
    name.placeholder = Kiosk.t("Add a candidate without a phone");
    name.maxLength = 80;
    var gender = genderSelect("cand-gender-" + seat.id, Kiosk.t("Candidate's gender"));
    var add = make("button", "button f-small", Kiosk.t("Add candidate"));
    add.type = "submit";
    [name, gender, add].forEach(function (el) { row.appendChild(el); });
    row.addEventListener("submit", function (e) {
      e.preventDefault();
      act("add_candidate", { seat_id: seat.id, name: name.value, gender: gender.value }, "d-seats-error",
          function () { name.value = ""; gender.value = ""; });
    });
    return row;
  }

  function electionForm(seat) {
    var row = make("div", "f-row");
    var method = kept("select", "method-" + seat.id, Kiosk.t("How to elect"));
    fillSelect(method, [["ranked", Kiosk.t("Ranked choice")], ["approval", Kiosk.t("Approval")]]);
    row.appendChild(method);
    row.appendChild(button(Kiosk.t("Open election"), function () {
      act("open_election", { seat_id: seat.id, method: method.value }, "d-seats-error", adoptRound);
    }, "primary"));
    return row;
  }

  function electionResult(seat) {
    var row = make("div", "f-row");
    row.appendChild(button(Kiosk.t("Use the result"), function () {
      act("elected", { seat_id: seat.id }, "d-seats-error", function (reply) { fillFromElection(reply.places); });
    }, "primary"));
    row.appendChild(make("span", "hint", Kiosk.t("Fills the mandate form with the delegate, co-delegate and alternate.")));
    return row;
  }

  function seatCard(seat) {
    var card = make("div", "f-group");
    card.style.setProperty("--group", "var(--accent)");
    card.setAttribute("data-seat", seat.id);
    card.appendChild(make("h4", null, Kiosk.t("Seat on %(council)s", { council: seat.council }) +
      (seat.gender_balanced ? " · " + Kiosk.t("gender-balanced pair") : "")));
    var list = make("ul", "d-candidates");
    seat.candidates.forEach(function (c) { list.appendChild(make("li", null, candidateLine(c))); });
    if (!seat.candidates.length) list.appendChild(make("li", "hint", Kiosk.t("No candidates yet: phones can stand now.")));
    card.appendChild(list);
    if (seat.round_id === null) {
      card.appendChild(candidateForm(seat));
      card.appendChild(electionForm(seat));
    } else if (deciding(seat.round_id)) {
      card.appendChild(make("p", "hint", Kiosk.t("Voting is open: close the round above when everyone has voted.")));
    } else {
      card.appendChild(electionResult(seat));
    }
    return card;
  }

  function drawSeats() {
    keep($("d-seats"), function () {
      clear($("d-seats"));
      d.seats.forEach(function (seat) { $("d-seats").appendChild(seatCard(seat)); });
    });
  }

  /* -- the mandate form --------------------------------------------------------------------- */

  function numberItems() {
    each($("d-m-items").children, function (row, n) {
      row.querySelector(".d-item-words").setAttribute("aria-label", Kiosk.t("Instruction %(number)s", { number: n + 1 }));
      row.querySelector(".d-item-position").setAttribute("aria-label", Kiosk.t("Position %(number)s", { number: n + 1 }));
      row.querySelector(".d-item-limits").setAttribute("aria-label", Kiosk.t("Limits %(number)s", { number: n + 1 }));
    });
  }

  function addItem() {
    var row = make("div", "f-row d-item");
    var words = make("input", "d-item-words");
    words.maxLength = 600;
    words.placeholder = Kiosk.t("An item the council will decide");
    var position = make("select", "d-item-position");
    ordered(d.positions).forEach(function (k) { position.appendChild(new Option(d.positions[k], k)); });
    var limits = make("input", "d-item-limits");
    limits.maxLength = 600;
    limits.placeholder = Kiosk.t("Limits (needed for free within limits)");
    [words, position, limits].forEach(function (el) { row.appendChild(el); });
    row.appendChild(button(Kiosk.t("Remove"), function () {
      $("d-m-items").removeChild(row);
      if (!$("d-m-items").children.length) addItem();
      numberItems();
    }));
    $("d-m-items").appendChild(row);
    numberItems();
    return words;
  }

  function items() {
    return Array.prototype.map.call($("d-m-items").children, function (row) {
      return {
        item: row.querySelector(".d-item-words").value,
        position: row.querySelector(".d-item-position").value,
        limits: row.querySelector(".d-item-limits").value,
      };
    });
  }

  function decisionIds() {
    var ids = [];
    each($("d-m-decisions").querySelectorAll("input:checked"), function (box) { ids.push(Number(box.value)); });
    return ids;
  }

  function value(id) { return $(id).value; }

  function mandateFields() {
    var after = value("d-m-expires-after").trim(), council = value("d-m-council");
    var recall = value("d-m-recall");
    return {
      council_id: council ? Number(council) : null,
      seat_id: filledFrom && String(filledFrom.council_id) === council ? filledFrom.id : null,
      delegate: value("d-m-delegate"),
      co_delegate: value("d-m-co-delegate"),
      alternate: value("d-m-alternate"),
      scope: value("d-m-scope"),
      items: items(),
      spending_cap: value("d-m-cap"),
      expires_on: value("d-m-expires-on"),
      expires_after_meetings: after === "" ? null : Number(after),
      report_back: value("d-m-report-back"),
      petition_percent: value("d-m-petition").replace("%", "").trim(),
      recall_percent: recall === "other" ? value("d-m-recall-other").replace("%", "").trim() : recall,
      decision_round_ids: decisionIds(),
      facilitator_name: value("d-m-facilitator"),
      note_taker_name: value("d-m-note-taker"),
    };
  }

  function fillFromElection(places) {
    filledFrom = places.seat;
    $("d-m-council").value = String(places.seat.council_id);
    $("d-m-delegate").value = places.delegate;
    $("d-m-co-delegate").value = places.co_delegate;
    $("d-m-alternate").value = places.alternate;
    $("d-filled").textContent = Kiosk.t("Filled in from the election to %(council)s. Check the names, then " +
      "write the instructions.", { council: places.seat.council });
    $("d-filled").hidden = false;
    $("d-mandate-heading").scrollIntoView({ block: "start" });
  }

  function clearForm() {
    $("d-mandate").reset();
    clear($("d-m-items"));
    addItem();
    filledFrom = null;
    $("d-filled").hidden = true;
    $("d-m-recall-other-label").hidden = true;
  }

  function drawDecisions() {
    var confirming = d.mandates.map(function (m) { return m.confirm_round_id; });
    var passed = d.decisions.filter(function (r) { return confirming.indexOf(r.id) < 0; });
    keep($("d-m-decisions"), function () {
      var list = $("d-m-decisions");
      clear(list);
      passed.forEach(function (r) {
        var li = make("li"), label = make("label"), box = make("input");
        box.type = "checkbox";
        box.value = r.id;
        box.setAttribute("data-keep", "decision-" + r.id);
        label.appendChild(box);
        label.appendChild(make("span", null, r.text));
        li.appendChild(label);
        list.appendChild(li);
      });
      if (!passed.length) list.appendChild(make("li", "hint", Kiosk.t("No proposal has passed at this meeting yet.")));
    });
  }

  /* -- mandates ------------------------------------------------------------------------------ */

  function statusText(m) {
    if (m.status === "draft" && deciding(m.confirm_round_id)) return Kiosk.t("Draft · the assembly is deciding");
    if (m.status === "issued" && deciding(m.recall_round_id)) return Kiosk.t("In force · recall vote open");
    if (m.status === "revoked" && m.replaced_by) return Kiosk.t("Recalled · the alternate holds mandate %(number)s", { number: m.replaced_by });
    return STATUS[m.status];
  }

  function link(label, href) {
    var a = make("a", "button f-small", label);
    a.href = href;
    return a;
  }

  function mandateActions(m) {
    var row = make("div", "f-row");
    if (m.status === "draft") {
      var put = button(Kiosk.t("Put to the assembly"), function () {
        act("confirm_mandate", { mandate_id: m.id }, "d-mandates-error", adoptRound);
      }, "primary");
      put.disabled = deciding(m.confirm_round_id);
      row.appendChild(put);
      row.appendChild(make("span", "hint", Kiosk.t("A consent round on these exact words; when it passes, " +
        "the kiosk signs and issues the mandate.")));
    } else if (m.status === "issued") {
      row.appendChild(link(Kiosk.t("Card (PDF)"), "/facilitate/mandates/" + m.id + "/card.pdf"));
      row.appendChild(link(Kiosk.t("Large print"), "/facilitate/mandates/" + m.id + "/large.pdf"));
    }
    return row;
  }

  function petitionRow(m) {
    var p = m.petition, row = make("div", "f-row");
    var words = make("span", null, Kiosk.t("Recall petition:") + " ");
    words.appendChild(make("strong", "d-petition", Kiosk.n("%(signed)s of %(num)s signature",
      "%(signed)s of %(num)s signatures", p.needed, { signed: p.signed })));
    row.appendChild(words);
    if (p.reached && !deciding(m.recall_round_id)) {
      row.appendChild(make("span", "f-signal hot", Kiosk.t("reached: recall is on the agenda")));
      row.appendChild(button(Kiosk.t("Open recall vote"), function () {
        act("open_recall", { mandate_id: m.id }, "d-mandates-error", adoptRound);
      }, "primary"));
    }
    return row;
  }

  function answerFields(item) {
    var set = make("fieldset", "stack");
    set.appendChild(make("legend", null, item.position_no + ". " + d.positions[item.position] + ": " + item.item));
    var did = kept("input", "rb-did-" + item.id, Kiosk.t("What the council did on item %(number)s", { number: item.position_no }));
    var voted = kept("input", "rb-voted-" + item.id, Kiosk.t("How the delegate voted on item %(number)s", { number: item.position_no }));
    did.maxLength = voted.maxLength = 300;
    did.placeholder = Kiosk.t("What the council did");
    voted.placeholder = Kiosk.t("How the delegate voted");
    set.appendChild(did);
    set.appendChild(voted);
    return set;
  }

  function reportForm(m) {
    var box = make("details");
    box.setAttribute("data-keep", "rb-open-" + m.id);
    box.appendChild(make("summary", null, m.report_backs
      ? Kiosk.t("Record a report-back (%(count)s so far)", { count: m.report_backs }) : Kiosk.t("Record a report-back")));
    var form = make("form", "stack");
    var date = kept("input", "rb-date-" + m.id, Kiosk.t("Date of the council meeting"));
    date.type = "date";
    form.appendChild(labelled(Kiosk.t("Date of the council meeting"), date));
    m.items.forEach(function (item) { form.appendChild(answerFields(item)); });
    var send = make("button", "button f-small", Kiosk.t("Record the report-back"));
    send.type = "submit";
    form.appendChild(send);
    form.addEventListener("submit", function (e) {
      e.preventDefault();
      var answers = {};
      m.items.forEach(function (item) {
        answers[item.id] = { council_did: form.querySelector("[data-keep=rb-did-" + item.id + "]").value,
                             delegate_voted: form.querySelector("[data-keep=rb-voted-" + item.id + "]").value };
      });
      act("report_back", { mandate_id: m.id, council_meeting_on: date.value, answers: answers },
          "d-mandates-error", function () {
            notes[m.id] = { status: m.status, text: Kiosk.t("Report-back recorded: it is on tonight's agenda.") };
            each(form.querySelectorAll("input"), function (input) { input.value = ""; });
            box.open = false;
          });
    });
    box.appendChild(form);
    return box;
  }

  function mandateWords(m) {
    var box = make("details");
    box.setAttribute("data-keep", "words-" + m.id);
    box.open = m.status === "draft";
    box.appendChild(make("summary", null, Kiosk.t("The mandate's exact words")));
    var words = make("p", "d-text", m.text);
    words.style.whiteSpace = "pre-line";
    box.appendChild(words);
    return box;
  }

  function mandateCard(m) {
    var colour = { draft: "var(--concerns)", issued: "var(--agree)", revoked: "var(--block)" }[m.status];
    var card = make("div", "f-group d-mandate");
    card.style.setProperty("--group", colour);
    card.setAttribute("data-mandate", m.id);
    var head = make("h4", null, Kiosk.t("Mandate %(number)s · %(delegate)s to %(council)s", {
      number: m.id, delegate: m.delegate, council: m.council }) + " ");
    head.appendChild(make("span", "f-signal d-status", statusText(m)));
    m.flags.forEach(function (flag) { head.appendChild(make("span", "f-signal hot d-flag", flag)); });
    card.appendChild(head);
    card.appendChild(mandateWords(m));
    card.appendChild(mandateActions(m));
    if (m.petition) card.appendChild(petitionRow(m));
    if (m.status === "issued") card.appendChild(reportForm(m));
    var note = notes[m.id];
    if (note && note.status === m.status) card.appendChild(make("p", "notice", note.text));
    return card;
  }

  function drawMandates() {
    keep($("d-mandates"), function () {
      var box = $("d-mandates");
      clear(box);
      d.mandates.forEach(function (m) { box.appendChild(mandateCard(m)); });
      if (!d.mandates.length) box.appendChild(make("p", "hint", Kiosk.t("No mandates yet: write one above and save the draft.")));
    });
  }

  /* -- keeping in step --------------------------------------------------------------------- */

  function render() {
    if ($("d-name")) drawIdentity();
    drawCouncils();
    if (!$("d-seats")) return;  // the set-up page: identity and councils only
    drawSeats();
    drawDecisions();
    drawMandates();
  }

  function adopt(snapshot) {
    d = snapshot.delegates;
    latest = snapshot.round;
    render();
  }

  function adoptRound(reply) {
    latest = reply.round;
    render();
  }

  /* Fetch the console's snapshot again; a burst of changes becomes one request. */
  function refresh() {
    if (refreshing) return;
    refreshing = setTimeout(function () {
      refreshing = null;
      var mine = ++asked;
      socket.emit("hello", { role: "facilitator" }, function (reply) {
        if (mine === asked && reply && reply.ok) adopt(reply.snapshot);
      });
    }, 100);
  }

  function setup() {
    if ($("d-council-level")) {
      ordered(d.levels).forEach(function (k) { $("d-council-level").appendChild(new Option(d.levels[k], k)); });
      $("d-council-level").addEventListener("change", function () {
        $("d-council-theme").hidden = $("d-council-level").value !== "themed";
      });
    }
    if (!$("d-mandate")) return;
    $("d-m-recall").addEventListener("change", function () {
      $("d-m-recall-other-label").hidden = $("d-m-recall").value !== "other";
    });
    $("d-m-add-item").addEventListener("click", function () { addItem().focus(); });
    $("d-m-clear").addEventListener("click", clearForm);
    addItem();
  }

  function wireForms() {
    if (!$("d-rename")) return wireStageForms();
    $("d-rename").addEventListener("submit", function (e) {
      e.preventDefault();
      act("rename_assembly", { name: value("d-rename-name"), area: value("d-rename-area") }, "d-identity-error",
          function (reply) { d.assembly = reply.assembly; drawIdentity(); });
    });
    $("d-add-council").addEventListener("submit", function (e) {
      e.preventDefault();
      act("add_council", { name: value("d-council-name"), level: value("d-council-level"),
                           theme: value("d-council-theme") }, "d-councils-error",
          function () { $("d-council-name").value = ""; $("d-council-theme").value = ""; });
    });
  }

  function wireStageForms() {
    $("d-open-seat").addEventListener("submit", function (e) {
      e.preventDefault();
      if (!value("d-seat-council")) return showError("d-seats-error", Kiosk.t("Add the council first, then open its seat."));
      act("open_seat", { council_id: Number(value("d-seat-council")), gender_balanced: $("d-seat-balanced").checked },
          "d-seats-error");
    });
    $("d-mandate").addEventListener("submit", function (e) {
      e.preventDefault();
      act("draft_mandate", { fields: mandateFields() }, "d-mandate-error", function (reply) {
        clearForm();
        notes[reply.mandate.id] = { status: "draft", text: Kiosk.t("Draft saved. Read it out, then put it to the assembly.") };
      });
    });
  }

  Kiosk.extend(function (s) {
    socket = s;
    socket.on("delegates", refresh);
    socket.on("round", function (rnd) { latest = rnd; drawSeats(); drawMandates(); });
  }, adopt);

  setup();
  wireForms();
  render();
})();
