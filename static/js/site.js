// Progressive enhancement only: every page works without this file.
// "Copy" buttons beside the citations: shown only where the clipboard can be written.
(function () {
  "use strict";
  if (!navigator.clipboard) return;
  document.querySelectorAll("button[data-copy]").forEach(function (button) {
    var field = document.getElementById(button.getAttribute("data-copy"));
    var status = button.closest("section").querySelector(".copy-status");
    if (!field) return;
    button.hidden = false;
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(field.value).then(
        function () { if (status) status.textContent = "Copied to the clipboard."; },
        function () {
          field.select();
          if (status) status.textContent = "Select the text and copy it.";
        }
      );
    });
  });
})();
