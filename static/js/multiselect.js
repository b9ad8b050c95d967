/*
 * Long multiple selects (select[data-multiselect], rendered by core.forms.SearchableSelectMultiple)
 * become a searchable combobox with Tom Select (static/vendor/tom-select/): type to filter, Enter to
 * choose, Backspace or a remove button to take one off. Tom Select gives the ARIA combobox and
 * listbox; this file adds what it lacks: remove buttons that are real, labelled buttons, the field's
 * help text and errors on the text box, and a live region that says what was chosen or removed.
 * Without JavaScript (or without Tom Select) the native multiple select stays, and still works.
 * The words come from the select's data attributes, in the language of the page.
 */
(function () {
  "use strict";

  function fill(template, text) {
    return (template || "%s").replace("%s", text);
  }

  function enhance(select) {
    if (select.tomselect || typeof window.TomSelect !== "function") {
      return;
    }
    var words = select.dataset;
    var describedBy = select.getAttribute("aria-describedby");
    var invalid = select.getAttribute("aria-invalid");
    var live = document.createElement("div");
    live.className = "visually-hidden";
    live.id = select.id + "-live";
    live.setAttribute("role", "status");
    live.setAttribute("aria-live", "polite");

    var control = new window.TomSelect(select, {
      plugins: {
        remove_button: {
          label: "\u00d7",
          html: function () {
            var button = document.createElement("button");
            button.type = "button";
            button.className = "remove";
            button.textContent = "\u00d7";
            return button;
          },
        },
      },
      maxOptions: null,
      // The first match is the active option, so Enter chooses it (the listbox shows which).
  
      openOnFocus: false,
      closeAfterSelect: false,
      clearAfterSelect: true,
      hidePlaceholder: false,
      placeholder: words.placeholder || "",
      render: {
        no_results: function (data, escape) {
          return '<div class="no-results">' + escape(fill(words.noResults, data.input)) + "</div>";
        },
      },
    });

    function textOf(value) {
      var option = control.options[value];
      return option ? option.text : String(value);
    }

    function labelRemoveButtons() {
      control.control.querySelectorAll(".item").forEach(function (item) {
        var button = item.querySelector("button.remove");
        if (button) {
          var name = fill(words.remove, textOf(item.getAttribute("data-value")));
          button.setAttribute("aria-label", name);
          button.title = name;
        }
      });
    }

    function announce(text) {
      // Emptied first, so the same words twice in a row are read twice.
      live.textContent = "";
      window.setTimeout(function () {
        live.textContent = text;
      }, 50);
    }

    control.wrapper.insertAdjacentElement("afterend", live);
    // Tom Select points the label at its text box; the hidden select keeps its name too.
    var labelledBy = control.control_input.getAttribute("aria-labelledby");
    if (labelledBy) {
      select.setAttribute("aria-labelledby", labelledBy);
    }
    if (describedBy) {
      control.control_input.setAttribute("aria-describedby", describedBy);
    }
    if (invalid) {
      control.control_input.setAttribute("aria-invalid", invalid);
    }
    labelRemoveButtons();
    // Enter in the search box chooses an option (Tom Select's own handler); it never submits the form.
    control.control_input.addEventListener("keydown", function (event) {
      if (event.key === "Enter") {
        event.preventDefault();
      }
    });

    control.on("item_add", function (value) {
      labelRemoveButtons();
      announce(fill(words.added, textOf(value)));
    });
    control.on("item_remove", function (value) {
      announce(fill(words.removed, textOf(value)));
      // A removed item's button had the focus: give it back to the text box, not to the page.
      window.setTimeout(function () {
        if (!control.wrapper.contains(document.activeElement)) {
          control.control_input.focus();
        }
      }, 0);
    });
  }

  function enhanceAll() {
    document.querySelectorAll("select[multiple][data-multiselect]").forEach(enhance);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", enhanceAll);
  } else {
    enhanceAll();
  }
})();
