/* The course's small additions to the theme's behaviour, on every page of the book.
 *
 * - Printing prints what is folded away: every closed <details> (the "Facilitator notes" of a
 *   session, the answers of a self-check) is opened for the print and closed again after it.
 *   (course.css does the same for browsers that can show a closed <details> in print.)
 * - The theme takes the focus away from its header buttons (colour mode, search, the two
 *   menus) after a click, so that a mouse user sees no ring; when the "click" was a key
 *   press, the focus goes back to the button, so a keyboard user does not lose their place.
 * - A box that scrolls (a wide table or code on a phone) can be reached with the keyboard as
 *   soon as it scrolls: the theme does the same, but 300 ms after the screen turns; this one
 *   follows the size of the page at once.
 */
(function () {
  "use strict";

  var openedForPrint = [];

  window.addEventListener("beforeprint", function () {
    document.querySelectorAll("details:not([open])").forEach(function (details) {
      details.open = true;
      openedForPrint.push(details);
    });
  });

  window.addEventListener("afterprint", function () {
    openedForPrint.forEach(function (details) { details.open = false; });
    openedForPrint = [];
  });

  var SCROLLING = "pre, .pst-scrollable-table-container, .cell_output > .output";

  function reachScrollingBoxes() {
    document.querySelectorAll(SCROLLING).forEach(function (box) {
      var scrolls = box.scrollWidth > box.clientWidth || box.scrollHeight > box.clientHeight;
      box.tabIndex = scrolls ? 0 : -1; // as the theme marks them
    });
  }

  if (window.ResizeObserver) {
    new ResizeObserver(reachScrollingBoxes).observe(document.documentElement);
  }

  var HEADER_BUTTONS = ".theme-switch-button, .search-button, .primary-toggle, .secondary-toggle";

  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest(HEADER_BUTTONS);
    if (!button || event.detail !== 0) return; // a pointer click: leave it to the theme
    setTimeout(function () {
      if (document.activeElement === document.body || document.activeElement === null) {
        button.focus();
      }
    }, 0);
  });
})();
