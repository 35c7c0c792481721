/* kb: small progressive enhancements. Every page works without this file. */
(function () {
  "use strict";

  function isTyping(target) {
    if (!target) return false;
    var tag = target.tagName;
    return target.isContentEditable || tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT";
  }

  // "/" focuses the search box from anywhere, as on GitHub and most docs sites.
  document.addEventListener("keydown", function (event) {
    if (event.key !== "/" || event.ctrlKey || event.metaKey || event.altKey) return;
    if (isTyping(event.target)) return;
    var search = document.getElementById("site-search");
    if (!search) return;
    event.preventDefault();
    search.focus();
    search.select();
  });

  function formatBytes(bytes) {
    if (bytes >= 1048576) return (bytes / 1048576).toFixed(1) + " MB";
    if (bytes >= 1024) return (bytes / 1024).toFixed(1) + " KB";
    return bytes + " bytes";
  }

  function setupPasteForm(form) {
    var textarea = form.querySelector("textarea");
    var file = form.querySelector("input[type=file]");
    var error = form.querySelector("[data-paste-error]");
    var limit = parseInt((textarea || file).getAttribute("data-max-bytes"), 10);
    // An upload above the paste limit becomes a background job, up to its own larger limit.
    var fileLimit = parseInt(file && file.getAttribute("data-max-bytes"), 10) || limit;

    function tooBig() {
      if (!limit) return "";
      if (file && file.files && file.files[0] && file.files[0].size > fileLimit) {
        return "The file is " + formatBytes(file.files[0].size) + ", larger than the limit of " + formatBytes(fileLimit) + ".";
      }
      if (textarea && !(file && file.files && file.files[0])) {
        var size = new Blob([textarea.value]).size;
        if (size > limit) {
          return "The paste is " + formatBytes(size) + ", larger than the limit of " + formatBytes(limit) + ".";
        }
      }
      return "";
    }

    function showError(message) {
      if (!error) return;
      error.textContent = message;
      error.hidden = !message;
    }

    // Refuse an oversized paste here: the server would refuse it too, after the upload.
    form.addEventListener("submit", function (event) {
      var message = tooBig();
      showError(message);
      if (message) event.preventDefault();
    });
    if (file) file.addEventListener("change", function () { showError(tooBig()); });

    // Ctrl+Enter (Cmd+Enter on a Mac) sends the paste without leaving the keyboard.
    if (textarea) {
      textarea.addEventListener("keydown", function (event) {
        if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
          event.preventDefault();
          if (typeof form.requestSubmit === "function") form.requestSubmit();
          else form.submit();
        }
      });
    }

    if (form.hasAttribute("data-autofocus") && textarea && !window.location.hash) {
      textarea.focus();
    }
  }

  // A link to a line of a document's source opens the collapsed <details> that holds it.
  function revealTarget() {
    var id = decodeURIComponent(window.location.hash.slice(1));
    if (!id) return;
    var target = document.getElementById(id);
    if (!target) return;
    for (var node = target.parentElement; node; node = node.parentElement) {
      if (node.tagName === "DETAILS") node.open = true;
    }
    target.scrollIntoView({ block: "center" });
  }

  // Feedback votes are sent in the background so the reader keeps the results;
  // without JavaScript the form posts normally and redirects.
  function setupFeedback(form) {
    form.addEventListener("submit", function (event) {
      if (!window.fetch || !window.FormData) return;
      event.preventDefault();
      var body = new FormData(form);
      if (event.submitter && event.submitter.name) body.append(event.submitter.name, event.submitter.value);
      fetch(form.action, {
        method: "POST", body: body, credentials: "same-origin",
        headers: { Accept: "application/json" }
      }).then(function (response) {
        var note = document.createElement("span");
        note.className = "feedback-form__label";
        note.setAttribute("role", "status");
        note.textContent = response.ok ? "Thanks: your vote was recorded." : "Your vote could not be recorded.";
        form.replaceWith(note);
      });
    });
  }

  // After a paste the answer's heading takes the focus, so a screen reader reads the verdict
  // first and Tab goes on into the results, not from the top of the page.
  function focusResult() {
    var heading = document.querySelector("[data-focus-on-load]");
    if (heading && !window.location.hash) heading.focus({ preventScroll: false });
  }

  document.addEventListener("DOMContentLoaded", function () {
    focusResult();
    Array.prototype.forEach.call(document.querySelectorAll("[data-paste-form]"), setupPasteForm);
    Array.prototype.forEach.call(document.querySelectorAll("form[data-feedback]"), setupFeedback);
    revealTarget();
  });
  window.addEventListener("hashchange", revealTarget);
})();
