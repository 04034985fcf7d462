// The verify page: read a mandate card's QR with the camera, where the browser can, and submit it.
// Needs BarcodeDetector and getUserMedia; browsers give the camera only to https or localhost pages.
(function () {
  "use strict";

  const form = document.getElementById("verify-form");
  const box = document.getElementById("payload");
  const button = document.getElementById("scan");
  const video = document.getElementById("camera");
  const status = document.getElementById("scan-status");
  let stream = null;

  function say(text) {
    status.textContent = text;
    status.hidden = !text;
  }

  function stop() {
    if (stream) stream.getTracks().forEach((track) => track.stop());
    stream = null;
    video.hidden = true;
    video.srcObject = null;
    button.textContent = Kiosk.t("Scan with camera");
  }

  function submit(code) {
    box.value = code;
    say(Kiosk.t("Read a code. Checking…"));
    if (form.requestSubmit) form.requestSubmit();
    else form.submit();
  }

  async function detector() {
    const formats = await window.BarcodeDetector.getSupportedFormats();
    if (!formats.includes("qr_code")) throw new Error("this browser cannot read QR codes");
    return new window.BarcodeDetector({ formats: ["qr_code"] });
  }

  async function scan() {
    const reader = await detector();
    stream = await navigator.mediaDevices.getUserMedia({
      video: { facingMode: "environment" },
      audio: false,
    });
    video.srcObject = stream;
    video.hidden = false;
    button.textContent = Kiosk.t("Stop camera");
    await video.play();
    say(Kiosk.t("Hold the card's QR code up to the camera."));
    while (stream) {
      const codes = await reader.detect(video).catch(() => []);
      if (codes.length && stream) {
        stop();
        submit(codes[0].rawValue);
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }

  function cameraCanWork() {
    const media = navigator.mediaDevices && navigator.mediaDevices.getUserMedia;
    return "BarcodeDetector" in window && Boolean(media);
  }

  if (!cameraCanWork()) {
    say(
      window.isSecureContext
        ? Kiosk.t("This browser cannot scan here: paste the card's code instead.")
        : Kiosk.t("The camera works only on https or on the kiosk laptop itself: paste the code instead."),
    );
    return;
  }
  button.hidden = false;
  button.addEventListener("click", () => {
    if (stream) {
      stop();
      say("");
      return;
    }
    scan().catch((error) => {
      stop();
      say(Kiosk.t("The camera could not scan (%(why)s). Paste the code instead.", { why: error.message || error.name }));
    });
  });
})();
