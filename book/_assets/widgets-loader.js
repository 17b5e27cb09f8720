/* Starts the exercises' widget manager once the page's text is on the screen.
 *
 * A page with an exercise form carries the form's saved state; the widget manager
 * (@jupyter-widgets/html-manager, 3.5 MB, served by the book itself from _static/widgets so
 * that it works with no internet) draws it. Loaded from the <head>, it kept the page blank
 * until it had arrived: 54 s at 1 Mbit/s. This small script is all the page loads up front
 * (deferred: it never blocks the text); when the text has been drawn, it adds require.js and
 * the manager, and the form is drawn below the text. myst-nb loads it through nb_ipywidgets_js
 * (_config.yml).
 *
 * The form in the published book is a preview: it cannot save (the note the book puts before
 * it says so, and how to open it live). So that no one types into it in vain, every field and
 * button of a drawn form is disabled; its tabs and the sections that open still work, to read.
 */
(function () {
  "use strict";

  var script = document.currentScript;
  var staticDir = script.src.substring(0, script.src.lastIndexOf("/") + 1);
  var started = false;

  function add(src) {
    var element = document.createElement("script");
    element.src = staticDir + src;
    element.async = false; // run in the order added
    document.head.appendChild(element);
  }

  function start() {
    if (started) return;
    started = true;
    // require.js reads this object as its configuration: the manager's icon fonts are beside it.
    window.require = { paths: { "@jupyter-widgets/html-manager/dist": staticDir + "widgets" } };
    add("widgets/require.js");
    add("widgets/embed-amd.js");
    watchForms();
  }

  function afterFirstPaint() {
    // Two animation frames: the first runs before the text is painted, the second after it.
    requestAnimationFrame(function () { requestAnimationFrame(function () { setTimeout(start, 0); }); });
    setTimeout(start, 1500); // a page in a background tab gets no frames
  }

  var CONTROLS = "input, select, textarea, button";

  function disable(root) {
    root.querySelectorAll(CONTROLS).forEach(function (control) {
      if (!control.disabled) {
        control.disabled = true;
        control.setAttribute("aria-disabled", "true");
      }
    });
  }

  function watchForms() {
    document.querySelectorAll(".dgt-preview").forEach(function (form) {
      disable(form);
      new MutationObserver(function () { disable(form); })
        .observe(form, { childList: true, subtree: true });
      form.classList.add("dgt-preview-ready");
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", afterFirstPaint);
  } else {
    afterFirstPaint();
  }
})();
