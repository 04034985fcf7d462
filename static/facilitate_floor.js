/* The console's questions from the floor and one-word answers: release, dismiss or answer each
   question; ask for one word, stop answers, hide a word, show the cloud on the projector. */
"use strict";

(function () {
  var make = Kiosk.make, clear = Kiosk.clear;
  var floor = null;

  function $(id) { return document.getElementById(id); }

  function showError(text) {
    $("q-error").textContent = text || "";
    $("q-error").hidden = !text;
  }

  function act(event, data, done) {
    showError("");
    Kiosk.console.socket.timeout(10000).emit(event, data || {}, function (err, reply) {
      if (err) return showError(Kiosk.t("The kiosk did not answer. Check the laptop, then try again."));
      if (!reply.ok) return showError(reply.error);
      if (done) done(reply);
    });
  }

  function button(label, onClick) {
    var b = make("button", "button f-small", label);
    b.type = "button";
    b.addEventListener("click", onClick);
    return b;
  }

  function moderate(q, action) {
    return function () { act("question_moderate", { question_id: q.id, action: action }); };
  }

  function drawQuestions() {
    var list = $("q-list");
    clear(list);
    floor.questions.forEach(function (q) {
      var li = make("li", q.released ? "released" : "waiting");
      li.setAttribute("data-question", q.text);
      li.appendChild(make("span", null, (q.released ? "▲ " + q.upvotes + " · " : "") + q.text));
      if (!q.released) li.appendChild(button(Kiosk.t("Release"), moderate(q, "release")));
      else li.appendChild(button(Kiosk.t("Answered"), moderate(q, "answered")));
      li.appendChild(button(Kiosk.t("Dismiss"), moderate(q, "dismiss")));
      list.appendChild(li);
    });
    if (!floor.questions.length) list.appendChild(make("li", "hint", Kiosk.t("No questions from phones yet.")));
  }

  function drawWords() {
    var asked = floor.prompt, list = $("w-list");
    $("w-asked").textContent = !asked ? "" : "“" + asked.text + "” — " +
      (asked.closed_at ? Kiosk.t("answers stopped") : Kiosk.t("phones are answering")) +
      (asked.shown_at ? " · " + Kiosk.t("on the projector") : "");
    ["w-close", "w-show", "w-take-down"].forEach(function (id) { $(id).hidden = !asked; });
    if (asked) {
      $("w-close").hidden = Boolean(asked.closed_at);
      $("w-take-down").hidden = !asked.shown_at;
    }
    clear(list);
    floor.words.forEach(function (w) {
      var li = make("li", w.hidden ? "hidden-word" : "", w.word + " × " + w.count + (w.hidden ? " " + Kiosk.t("(hidden)") : "") + " ");
      li.setAttribute("data-word", w.word);
      li.appendChild(button(w.hidden ? Kiosk.t("Restore") : Kiosk.t("Hide"), function () {
        act("words_set", { action: w.hidden ? "restore" : "hide", word: w.word });
      }));
      list.appendChild(li);
    });
  }

  function draw(state) {
    floor = state.process.floor;
    if (!floor) return;
    drawQuestions();
    drawWords();
  }

  $("q-show").addEventListener("click", function () { act("scene_show", { scene: "questions" }); });
  $("w-ask-form").addEventListener("submit", function (e) {
    e.preventDefault();
    act("words_ask", { text: $("w-prompt").value }, function () { $("w-prompt").value = ""; });
  });
  $("w-close").addEventListener("click", function () { act("words_set", { action: "close" }); });
  $("w-show").addEventListener("click", function () { act("words_set", { action: "show" }); });
  $("w-take-down").addEventListener("click", function () {
    act("words_set", { action: "take_down" }, function () { act("scene_show", { scene: null }); });
  });
  Kiosk.afterRender(draw);
})();
