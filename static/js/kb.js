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

  // Binary units, as the server writes them (kb.intake.binary_size).
  function formatBytes(bytes) {
    if (bytes >= 1073741824) return (bytes / 1073741824).toFixed(1) + " GiB";
    if (bytes >= 1048576) return (bytes / 1048576).toFixed(1) + " MiB";
    if (bytes >= 1024) return (bytes / 1024).toFixed(1) + " KiB";
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

  // A job's page while the job runs: its progress, polled from the job's JSON (GET
  // /api/jobs/<id>) and updated in place. Once the job ends the page is the server's again:
  // the result it redirects to, or the error, or "cancelled". Without JavaScript the page
  // reloads itself (<noscript> refresh); the cancel button is a plain form either way.
  var JOB_FINISHED = ["done", "failed", "cancelled"];
  var JOB_MAX_FAILURES = 5;

  function followJob(section) {
    var api = section.getAttribute("data-job-progress");
    var interval = (parseFloat(section.getAttribute("data-job-interval")) || 2) * 1000;
    var state = document.querySelector("[data-job-state]");
    var bar = section.querySelector("progress");
    var read = section.querySelector("[data-job-read]");
    var current = section.querySelector("[data-job-current]");
    var shownState = state ? state.textContent : "";
    var failures = 0;

    function show(job) {
      var p = job.progress || {};
      var files = p.files || 0;
      if (state) state.textContent = job.state;
      if (bar && p.bytes_total) {
        bar.max = p.bytes_total;
        bar.value = p.bytes || 0;
      }
      if (read) {
        read.textContent = formatBytes(p.bytes || 0) + (p.bytes_total ? " of " + formatBytes(p.bytes_total) : "") +
          " of the upload, " + (p.lines || 0).toLocaleString("en-US") + " lines, " + files + " file" + (files === 1 ? "" : "s") + " done";
      }
      if (current) {
        var item = current.parentElement;
        current.textContent = p.current || "";
        item.hidden = item.previousElementSibling.hidden = !p.current;
      }
    }

    function poll() {
      fetch(api, { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then(function (response) {
          if (!response.ok) throw new Error("job status " + response.status);
          return response.json();
        })
        .then(function (job) {
          failures = 0;
          if (JOB_FINISHED.indexOf(job.state) >= 0) {
            if (job.state === "done" && job.result_url) window.location.assign(job.result_url);
            else window.location.reload();
            return;
          }
          if (job.state !== shownState) {  // queued -> running: the server's page says what now is
            window.location.reload();
            return;
          }
          show(job);
          window.setTimeout(poll, interval);
        })
        .catch(function () {
          // The server away a moment (a restart): wait longer each time, then reload the page,
          // which says what is wrong if it still is.
          failures += 1;
          if (failures >= JOB_MAX_FAILURES) window.location.reload();
          else window.setTimeout(poll, interval * (failures + 1));
        });
    }

    if (window.fetch) window.setTimeout(poll, interval);
    else window.setTimeout(function () { window.location.reload(); }, interval);
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
    Array.prototype.forEach.call(document.querySelectorAll("[data-job-progress]"), followJob);
    revealTarget();
  });
  window.addEventListener("hashchange", revealTarget);
})();
