// A "Tampilkan" button beside each password field in a .with-toggle box
// (accounts/field.html): one tap shows what was typed, another hides it.
// Without this script the fields work as plain password fields.
(function () {
  "use strict";
  document.querySelectorAll(".with-toggle input").forEach(function (input) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = "reveal";
    button.textContent = "Tampilkan";
    button.setAttribute("aria-label", "Tampilkan kata sandi");
    button.setAttribute("aria-pressed", "false");
    button.setAttribute("aria-controls", input.id);
    button.addEventListener("click", function () {
      var show = input.type === "password";
      input.type = show ? "text" : "password";
      button.setAttribute("aria-pressed", String(show));
    });
    // Sent as a password field, so the browser offers to save it as one.
    if (input.form) {
      input.form.addEventListener("submit", function () {
        input.type = "password";
      });
    }
    input.parentNode.appendChild(button);
  });
})();
