/*
 * Soft checks on the report form, as the user types: a figure that is at least `factor`
 * times larger or smaller than last half-year's, or spending that takes the report past
 * the grant's pace, opens the box that asks for an explanation. The server makes the same
 * check when the report is saved (interventions/selectors/report_checks.py); this only
 * asks sooner. Nothing here stops a save.
 */
(function () {
  "use strict";

  var GROUPED = /^-?\d{1,3}([. ]\d{3})+$/;

  // Read a number as Dutch people write it: "1.250", "1.250,50", "€ 1250,5"; null if it is none.
  function parse(text) {
    var value = (text || "").replace(/[€\s\u00a0]/g, "");
    if (value === "") {
      return null;
    }
    if (value.indexOf(",") >= 0 && value.indexOf(".") >= 0) {
      value = value.lastIndexOf(",") > value.lastIndexOf(".")
        ? value.replace(/\./g, "").replace(",", ".")
        : value.replace(/,/g, "");
    } else if (value.indexOf(",") >= 0) {
      value = value.replace(",", ".");
    } else if ((value.match(/\./g) || []).length > 1 || GROUPED.test(value)) {
      value = value.replace(/\./g, "");
    }
    if (!/^-?\d+(\.\d+)?$/.test(value)) {
      return null;
    }
    return parseFloat(value);
  }

  function spendingTotal(form) {
    var total = 0;
    form.querySelectorAll("input[data-check-pace]").forEach(function (input) {
      var value = parse(input.value);
      if (value !== null && value > 0) {
        total += value;
      }
    });
    return total;
  }

  function update(form) {
    var total = spendingTotal(form);
    form.querySelectorAll("input[data-check-box]").forEach(function (input) {
      var box = document.getElementById(input.getAttribute("data-check-box"));
      if (!box || !box.hasAttribute("data-check-live")) {
        return; // a box the server opened stays open until the next save
      }
      var value = parse(input.value);
      var previous = parseFloat(input.getAttribute("data-check-previous") || "");
      var factor = parseFloat(input.getAttribute("data-check-factor") || "");
      var pace = parseFloat(input.getAttribute("data-check-pace") || "");
      var changed = value !== null && previous > 0 && factor > 1 &&
        (value >= previous * factor || value * factor <= previous);
      var overPace = value !== null && value > 0 && pace >= 0 && total > pace;
      box.querySelectorAll("[data-check-reason]").forEach(function (reason) {
        var kind = reason.getAttribute("data-check-reason");
        reason.hidden = !(kind === "change" ? changed : overPace);
      });
      box.hidden = !(changed || overPace);
    });
  }

  document.querySelectorAll("input[data-check-box]").forEach(function (input) {
    var form = input.form;
    if (form && !form.hasAttribute("data-checks-ready")) {
      form.setAttribute("data-checks-ready", "");
      form.addEventListener("input", function () { update(form); });
      // A figure typed (or restored by the browser) before this script ran is checked too.
      update(form);
    }
  });
})();
