// Reviewer pages: zoom on the page images and keyboard shortcuts. Loaded as a file (no inline scripts), so the
// pages work under a strict Content-Security-Policy.
(function () {
  "use strict";

  var ZOOM_KEY = "review.zoom";
  var STEPS = [0.5, 0.75, 1, 1.25, 1.5, 2, 2.5, 3, 4];

  function zoomTo(scale) {
    var viewport = document.getElementById("viewport");
    if (!viewport) return;
    scale = Math.min(STEPS[STEPS.length - 1], Math.max(STEPS[0], scale));
    viewport.style.setProperty("--zoom", String(scale));
    viewport.classList.toggle("zoomed", scale > 1);
    var label = document.getElementById("zoom-level");
    if (label) label.textContent = Math.round(scale * 100) + "%";
    try { window.localStorage.setItem(ZOOM_KEY, String(scale)); } catch (e) { /* private mode */ }
  }

  function currentZoom() {
    var viewport = document.getElementById("viewport");
    var value = viewport ? parseFloat(viewport.style.getPropertyValue("--zoom")) : NaN;
    return isNaN(value) ? 1 : value;
  }

  function step(direction) {
    var now = currentZoom();
    var next = direction > 0 ? STEPS.find(function (s) { return s > now + 1e-6; })
                             : STEPS.slice().reverse().find(function (s) { return s < now - 1e-6; });
    zoomTo(next === undefined ? now : next);
  }

  function click(id) {
    var element = document.getElementById(id);
    if (element) { element.click(); return true; }
    return false;
  }

  function typing(target) {
    var tag = target && target.tagName;
    return tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT" || (target && target.isContentEditable);
  }

  function onKey(event) {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    if (typing(event.target)) {
      if (event.key === "Escape") event.target.blur();
      return;
    }
    var key = event.key;
    var handled = true;
    if (key === "j" || key === "n") handled = click("next-doc");
    else if (key === "k" || key === "p") handled = click("previous-doc");
    else if (key === "a") handled = click("accept-document");
    else if (key === "r") {
      var reason = document.getElementById("document-reason");
      if (reason && reason.value.trim()) handled = click("reject-document");
      else if (reason) { reason.focus(); reason.placeholder = "退回理由（填写后按回车或再按 R）"; }
      else handled = false;
    }
    else if (key === "u") handled = click("to-submission");
    else if (key === "+" || key === "=") step(1);
    else if (key === "-") step(-1);
    else if (key === "0") zoomTo(1);
    else if (key === "/") {
      var search = document.getElementById("search");
      if (search) search.focus(); else handled = false;
    }
    else handled = false;
    if (handled) event.preventDefault();
  }

  function onReasonKey(event) {
    // In the reason box, Enter rejects when R asked for a reason; the form's default (accept) is not taken.
    if (event.key === "Enter" && event.target.id === "document-reason" && event.target.value.trim()) {
      event.preventDefault();
      click("reject-document");
    }
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.addEventListener("keydown", onKey);
    var reason = document.getElementById("document-reason");
    if (reason) reason.addEventListener("keydown", onReasonKey);
    document.querySelectorAll("button.zoom").forEach(function (button) {
      button.addEventListener("click", function () {
        var what = button.getAttribute("data-zoom");
        if (what === "in") step(1); else if (what === "out") step(-1); else zoomTo(1);
      });
    });
    var toggle = document.getElementById("toggle-boxes");
    var viewport = document.getElementById("viewport");
    if (toggle && viewport) {
      toggle.addEventListener("change", function () { viewport.classList.toggle("no-boxes", !toggle.checked); });
    }
    if (viewport) {
      var saved = NaN;
      try { saved = parseFloat(window.localStorage.getItem(ZOOM_KEY)); } catch (e) { /* private mode */ }
      zoomTo(isNaN(saved) ? 1 : saved);
      viewport.addEventListener("wheel", function (event) {
        if (!event.ctrlKey) return;  // ctrl + wheel zooms the page image, not the browser
        event.preventDefault();
        step(event.deltaY < 0 ? 1 : -1);
      }, { passive: false });
    }
  });
})();
