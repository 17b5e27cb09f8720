// Tell require.js where the widget manager lives (book/_vendor, served as _static/widgets),
// so that it finds its icon fonts beside it instead of asking the page's own folder.
(function () {
  var here = document.currentScript.src;
  var staticDir = here.substring(0, here.lastIndexOf("/") + 1);
  require.config({ paths: { "@jupyter-widgets/html-manager/dist": staticDir + "widgets" } });
})();
