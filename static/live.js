/* Shared by every live page: connect, say hello on every (re)connect, show the connection. */
"use strict";

window.Kiosk = (function () {
  function setConnection(text, ok) {
    var el = document.getElementById("connection");
    if (!el) return;
    el.textContent = text;
    el.className = "connection " + (ok ? "online" : "offline");
  }

  /* Connect as role; call onSnapshot with the full state after every (re)connect. */
  function connect(role, code, onSnapshot) {
    var socket = io({ reconnectionDelay: 500, reconnectionDelayMax: 2000 });
    socket.on("connect", function () {
      setConnection("connected", true);
      socket.emit("hello", { role: role, code: code }, function (reply) {
        if (reply && reply.ok) {
          onSnapshot(reply.snapshot);
        } else {
          setConnection((reply && reply.error) || "not connected", false);
        }
      });
    });
    socket.on("disconnect", function () { setConnection("reconnecting…", false); });
    socket.on("connect_error", function () { setConnection("reconnecting…", false); });
    socket.on("meeting_changed", function () { window.location.reload(); });
    return socket;
  }

  /* Remove every child of el. */
  function clear(el) {
    while (el.firstChild) el.removeChild(el.firstChild);
  }

  /* Make an element with a class and text (never HTML). */
  function make(tag, className, text) {
    var el = document.createElement(tag);
    if (className) el.className = className;
    if (text !== undefined && text !== null) el.textContent = text;
    return el;
  }

  /* Draw one labelled bar per option, sized against the largest count. */
  function drawBars(container, options, counts) {
    clear(container);
    var most = 1;
    options.forEach(function (o) { most = Math.max(most, counts[o.value] || 0); });
    options.forEach(function (o) {
      var n = counts[o.value] || 0;
      var row = make("div", "bar-row bar-" + o.value);
      row.setAttribute("data-choice", o.value);
      row.appendChild(make("span", "bar-label", o.label));
      var track = make("span", "bar-track");
      var fill = make("span", "bar-fill");
      fill.style.width = (100 * n / most) + "%";
      track.appendChild(fill);
      row.appendChild(track);
      row.appendChild(make("span", "bar-count", String(n)));
      container.appendChild(row);
    });
  }

  /* Say how many have responded out of those present. */
  function respondedText(counts, present) {
    var total = 0;
    Object.keys(counts).forEach(function (k) { total += counts[k]; });
    return total + " of " + present + " present have responded";
  }

  /* Keep a room-wide view (projector, console) in step: snapshot, then counts and rounds. */
  function follow(role, render) {
    var view = { state: JSON.parse(document.getElementById("snapshot").textContent) };
    view.socket = connect(role, null, function (snapshot) {
      view.state = snapshot;
      render(view.state);
    });
    view.socket.on("counts", function (update) {
      var rnd = view.state.round;
      view.state.attendance = update.attendance;
      if (update.round && rnd && update.round.id === rnd.id) rnd.counts = update.round.counts;
      render(view.state);
    });
    view.socket.on("round", function (rnd) {
      view.state.round = rnd;
      render(view.state);
    });
    render(view.state);
    return view;
  }

  /* Show the attendance numbers wherever the page has them. */
  function drawAttendance(a) {
    document.getElementById("present").textContent = a.present;
    document.getElementById("residents").textContent = a.residents;
    document.getElementById("first-timers").textContent = a.first_timers;
  }

  return { connect: connect, follow: follow, drawAttendance: drawAttendance, clear: clear, make: make, drawBars: drawBars,
           respondedText: respondedText };
})();
