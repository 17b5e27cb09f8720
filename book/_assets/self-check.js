/* The self-check quizzes (dgtkit/site/self_check.py renders their HTML).
 *
 * Everything a quiz needs is in the page: each choice's verdict and feedback sit in the
 * <details> under its question, which is what a reader without JavaScript opens. This script
 * hides those, shows the "Check answer" buttons, writes the chosen answer's verdict and
 * feedback into the question's aria-live region and keeps the score line up to date. The
 * first answer checked for each question is the one that counts. No kernel, no server, no
 * network.
 */
(function () {
  "use strict";

  function setText(element, tag, className, text) {
    var child = document.createElement(tag);
    child.className = className;
    child.textContent = text;
    element.appendChild(child);
  }

  function showFeedback(region, item) {
    var correct = item.getAttribute("data-correct") === "true";
    region.textContent = "";
    region.className = "self-check-feedback " + (correct ? "is-correct" : "is-wrong");
    setText(region, "strong", "self-check-verdict", correct ? "Correct." : "Not quite.");
    region.appendChild(document.createTextNode(" "));
    setText(region, "span", "self-check-explanation",
            item.querySelector(".self-check-explanation").textContent);
    return correct;
  }

  function askForAChoice(region) {
    region.textContent = "Choose an answer first.";
    region.className = "self-check-feedback is-empty";
  }

  function updateScore(quiz, firstAnswers) {
    var total = quiz.querySelectorAll(".self-check-question").length;
    var checked = Object.keys(firstAnswers);
    var right = checked.filter(function (id) { return firstAnswers[id]; }).length;
    var line = quiz.querySelector(".self-check-score");
    line.textContent = "You answered " + right + " of " + total + " correctly." +
      (checked.length < total ? " Questions checked: " + checked.length + " of " + total + "." : "");
    line.hidden = false;
  }

  function setUpQuestion(quiz, question, firstAnswers) {
    var button = question.querySelector(".self-check-button");
    var region = question.querySelector(".self-check-feedback");
    question.querySelector(".self-check-answers").hidden = true;
    button.hidden = false;
    button.addEventListener("click", function () {
      var chosen = question.querySelector("input[type=radio]:checked");
      if (!chosen) {
        askForAChoice(region);
        return;
      }
      var item = question.querySelector('li[data-choice="' + chosen.value + '"]');
      var correct = showFeedback(region, item);
      var id = question.getAttribute("data-question");
      if (!(id in firstAnswers)) {
        firstAnswers[id] = correct;
      }
      updateScore(quiz, firstAnswers);
    });
  }

  function setUpQuiz(quiz) {
    var firstAnswers = {};
    quiz.querySelectorAll(".self-check-with-js").forEach(function (e) { e.hidden = false; });
    quiz.querySelectorAll(".self-check-without-js").forEach(function (e) { e.hidden = true; });
    quiz.querySelectorAll(".self-check-question").forEach(function (question) {
      setUpQuestion(quiz, question, firstAnswers);
    });
  }

  function setUpAll() {
    document.querySelectorAll(".self-check-quiz").forEach(setUpQuiz);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUpAll);
  } else {
    setUpAll();
  }
})();
