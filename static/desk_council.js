/* The council's desk: keep the card field focused for a USB scanner (it types, then Enter), and
   read cards with the laptop's own camera: frames go to the kiosk, which decodes them offline.
   Browsers give the camera only to pages on the laptop itself (localhost) or on https. */
"use strict";

(function () {
  var form = document.getElementById("card-form");
  var field = document.getElementById("card-code");
  var button = document.getElementById("camera-button");
  var video = document.getElementById("camera");
  var status = document.getElementById("camera-status");
  var token = document.querySelector("meta[name=csrf-token]").getAttribute("content");
  var stream = null, canvas = document.createElement("canvas"), busy = false;

  /* A scanner types wherever the focus is: bring it back to the field unless a person is
     typing elsewhere (a name, a button chosen with the keyboard). */
  function refocus() {
    var active = document.activeElement;
    if (!active || active === document.body) field.focus();
  }
  document.addEventListener("click", function () { setTimeout(refocus, 0); });
  window.addEventListener("focus", refocus);
  refocus();

  function say(text) { status.textContent = text; }

  function stop() {
    if (stream) stream.getTracks().forEach(function (track) { track.stop(); });
    stream = null;
    video.hidden = true;
    video.srcObject = null;
    button.textContent = Kiosk.t("Use this laptop's camera");
  }

  function found(code) {
    stop();
    field.value = code;
    say(Kiosk.t("Read a card. Checking…"));
    form.submit();
  }

  /* Send one still frame to the kiosk; it answers with the QR code's text, if it saw one. */
  function look() {
    if (!stream || busy || !video.videoWidth) return;
    busy = true;
    canvas.width = video.videoWidth;
    canvas.height = video.videoHeight;
    canvas.getContext("2d").drawImage(video, 0, 0);
    canvas.toBlob(function (blob) {
      fetch(form.getAttribute("data-frame-url"), {
        method: "POST",
        body: blob,
        headers: { "Content-Type": "image/jpeg", "X-CSRFToken": token },
        credentials: "same-origin",
      }).then(function (response) { return response.json(); })
        .then(function (reply) { busy = false; if (reply.ok && stream) found(reply.payload); })
        .catch(function () { busy = false; say(Kiosk.t("The kiosk did not answer; still looking…")); });
    }, "image/jpeg", 0.85);
  }

  function start() {
    navigator.mediaDevices.getUserMedia({ video: { width: 1280, height: 720 }, audio: false })
      .then(function (media) {
        stream = media;
        video.srcObject = media;
        video.hidden = false;
        button.textContent = Kiosk.t("Stop the camera");
        say(Kiosk.t("Hold the card's QR code up to the camera."));
        return video.play();
      })
      .catch(function (error) {
        stop();
        say(Kiosk.t("The camera could not start (%(why)s). Use the scanner, or paste the code.", { why: error.message || error.name }));
      });
  }

  var media = navigator.mediaDevices && navigator.mediaDevices.getUserMedia;
  if (window.isSecureContext && media) {
    button.hidden = false;
    button.addEventListener("click", function () { if (stream) { stop(); say(""); } else start(); });
    setInterval(look, 400);
  } else {
    say(Kiosk.t("The camera works on the kiosk laptop itself (open the desk at localhost): use a scanner or paste the code here."));
  }
})();
