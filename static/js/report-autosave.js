/*
 * The report form saves its draft while it is typed in, and asks before a page with unsaved
 * changes is left.
 *
 * - At most one save every 10 seconds, and never two at once. The save sends the form as it is
 *   (without attachments) with the revision the page holds; the answer's revision replaces it,
 *   so the next save (automatic or the button) does not conflict with this one. A tab whose
 *   revision is stale gets a conflict and stops saving by itself: the button then shows what
 *   the other person changed, as before.
 * - The answer's status sentence ("Opgeslagen om 14:32") goes into the form's status region,
 *   which screen readers announce.
 * - Leaving the page asks first while something typed is not saved; never after a save, nor
 *   when the form itself is sent.
 */
(function () {
  "use strict";

  var INTERVAL = 10000;
  var FIRST_DELAY = 2000;

  var form = document.getElementById("report-form");
  if (!form || !form.dataset.autosaveUrl) {
    return;
  }
  var status = document.getElementById("report-autosave-status");
  var revision = form.querySelector("input[name='report-revision']");

  var changes = 0; // edits since the page loaded
  var savedChanges = 0; // edits that the last successful save included
  var lastSave = 0;
  var timer = null;
  var saving = false;
  var stopped = false;
  var leaving = false;
  var attachmentsTouched = false; // a chosen file or a ticked removal waits for the form's buttons
  var waitingSubmit = null; // the button pressed while an autosave was under way

  function dirty() {
    return changes !== savedChanges || attachmentsTouched;
  }

  function say(text) {
    if (status) {
      status.textContent = text;
    }
  }

  function schedule() {
    if (timer !== null || saving || stopped) {
      return;
    }
    var wait = Math.max(FIRST_DELAY, INTERVAL - (Date.now() - lastSave));
    timer = window.setTimeout(save, wait);
  }

  function formData() {
    var data = new FormData(form);
    // Attachments are added and removed only by the form's own buttons.
    data.delete("attachments-file");
    data.delete("attachments-remove");
    data.delete("action");
    return data;
  }

  function save() {
    timer = null;
    if (changes === savedChanges || stopped || leaving) {
      return;
    }
    saving = true;
    lastSave = Date.now();
    var including = changes;
    fetch(form.dataset.autosaveUrl, {
      method: "POST",
      body: formData(),
      credentials: "same-origin",
      redirect: "error",
      headers: { Accept: "application/json" },
    })
      .then(function (response) {
        return response.json().then(function (answer) {
          return { ok: response.ok, code: response.status, answer: answer };
        });
      })
      .then(function (result) {
        var answer = result.answer || {};
        if (result.ok && answer.saved) {
          if (revision && answer.revision) {
            revision.value = String(answer.revision);
          }
          savedChanges = including;
        } else if (result.code === 409) {
          stopped = true;
        }
        say(answer.status || form.dataset.autosaveFailed);
      })
      .catch(function () {
        say(form.dataset.autosaveFailed);
      })
      .then(function () {
        saving = false;
        if (waitingSubmit !== null) {
          // Sent now, the form carries the revision this autosave got, so it does not conflict with it.
          var button = waitingSubmit;
          waitingSubmit = null;
          form.requestSubmit(button);
        } else if (changes !== savedChanges) {
          schedule();
        }
      });
  }

  function changed(event) {
    var name = event.target ? event.target.name : "";
    if (name === "attachments-file" || name === "attachments-remove") {
      attachmentsTouched = true;
      return;
    }
    changes += 1;
    schedule();
  }

  // Text fields, selects, checkboxes and file inputs all fire "input" when they change.
  form.addEventListener("input", changed);
  form.addEventListener("submit", function (event) {
    if (saving) {
      event.preventDefault();
      waitingSubmit = event.submitter || null;
      if (waitingSubmit === null) {
        waitingSubmit = form.querySelector("button[type='submit']");
      }
      return;
    }
    leaving = true;
    if (timer !== null) {
      window.clearTimeout(timer);
      timer = null;
    }
  });
  window.addEventListener("pageshow", function (event) {
    // Back in the browser's history: the page may be shown again as it was left.
    if (event.persisted) {
      leaving = false;
    }
  });
  window.addEventListener("beforeunload", function (event) {
    if (leaving || !dirty()) {
      return undefined;
    }
    event.preventDefault();
    event.returnValue = "";
    return "";
  });
})();
