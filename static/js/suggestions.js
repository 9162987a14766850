/*
 * Suggestions while typing in a text field that names a municipality (the events and
 * news lists' municipality filter): the field's data-suggestions address answers, for
 * the text typed so far, the municipalities it may mean; they become the options of a
 * <datalist> tied to the field, which the browser offers as an accessible list of
 * choices. Without this script the field still works: the server takes a city's name
 * in any spelling and explains a name that matches none or several.
 */
(function () {
  "use strict";

  var DELAY = 250;
  var MIN_LENGTH = 2;

  function enhance(input) {
    var list = document.createElement("datalist");
    list.id = input.id + "-suggestions";
    input.insertAdjacentElement("afterend", list);
    input.setAttribute("list", list.id);

    var timer = null;
    var asked = "";

    function show(text, suggestions) {
      // An answer to an earlier text than the field now holds is stale.
      if (input.value.trim() !== text) {
        return;
      }
      list.replaceChildren.apply(
        list,
        suggestions.map(function (suggestion) {
          var option = document.createElement("option");
          option.value = suggestion.value;
          option.label = suggestion.label;
          return option;
        })
      );
    }

    function ask() {
      var text = input.value.trim();
      if (text.length < MIN_LENGTH || text === asked) {
        return;
      }
      asked = text;
      var address = input.dataset.suggestions + "?" + new URLSearchParams({ q: text });
      fetch(address, { headers: { Accept: "application/json" } })
        .then(function (response) {
          return response.ok ? response.json() : { suggestions: [] };
        })
        .then(function (answer) {
          show(text, answer.suggestions);
        })
        .catch(function () {
          // No suggestions: the field works as typed.
        });
    }

    input.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(ask, DELAY);
    });
  }

  document.querySelectorAll("input[data-suggestions]").forEach(enhance);
})();
