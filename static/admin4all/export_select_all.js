// The export page's "select all" box: ticks or unticks every column of the export.
// A static file because the Content-Security-Policy refuses inline event handlers.
"use strict";
document.addEventListener("DOMContentLoaded", () => {
  const toggle = document.getElementById("select-all-toggle");
  if (!toggle) {
    return;
  }
  toggle.addEventListener("change", () => {
    document
      .querySelectorAll('.selectable-field-export-row input[type="checkbox"]')
      .forEach((checkbox) => {
        checkbox.checked = toggle.checked;
      });
  });
});
