// "Salin tautan": copies a link (an article's; in the newsroom, a new
// member's password link). Reading never needs this script.
(function () {
  "use strict";
  var button = document.querySelector(".share-copy");
  if (!button || !navigator.clipboard) return;
  var done = document.querySelector(".share-done");
  button.hidden = false;
  button.addEventListener("click", function () {
    navigator.clipboard.writeText(button.dataset.url).then(function () {
      done.textContent = "Tautan disalin.";
    }, function () {
      done.textContent = button.dataset.failed || "Tautan tidak dapat disalin; salin dari bilah alamat.";
    });
  });
})();
