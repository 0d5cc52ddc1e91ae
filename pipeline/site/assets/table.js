// bordernet release site: filter and sort the table of records. Progressive
// enhancement only: without this script the table is complete and readable.
// No inline code, no request: the page's Content-Security-Policy can forbid
// both.
"use strict";
(function () {
  var table = document.getElementById("records");
  if (!table || !table.tBodies.length) {
    return;
  }
  var body = table.tBodies[0];
  var rows = Array.prototype.slice.call(body.rows);
  var status = document.getElementById("records-status");

  function cellText(row, i) {
    var cell = row.cells[i];
    return cell ? (cell.getAttribute("data-sort") || cell.textContent).trim() : "";
  }

  function announce() {
    var shown = rows.filter(function (r) { return !r.hidden; }).length;
    if (status) {
      status.textContent = shown + " of " + rows.length + " records shown";
    }
  }

  // The filter: a search field above the table, matching any cell.
  var label = document.createElement("label");
  label.textContent = "Filter records ";
  var input = document.createElement("input");
  input.type = "search";
  input.id = "records-filter";
  input.setAttribute("aria-controls", "records");
  label.appendChild(input);
  var box = document.createElement("p");
  box.className = "filter";
  box.appendChild(label);
  table.parentNode.insertBefore(box, table);
  input.addEventListener("input", function () {
    var words = input.value.toLowerCase().split(/\s+/).filter(Boolean);
    rows.forEach(function (r) {
      var text = r.textContent.toLowerCase();
      r.hidden = !words.every(function (w) { return text.indexOf(w) >= 0; });
    });
    announce();
  });

  // Sorting: each column header becomes a button; aria-sort says the order.
  var headers = Array.prototype.slice.call(table.tHead.rows[0].cells);
  headers.forEach(function (th, i) {
    var button = document.createElement("button");
    button.type = "button";
    button.textContent = th.textContent;
    th.textContent = "";
    th.appendChild(button);
    button.addEventListener("click", function () {
      var ascending = th.getAttribute("aria-sort") !== "ascending";
      headers.forEach(function (h) { h.removeAttribute("aria-sort"); });
      th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
      rows.sort(function (a, b) {
        var x = cellText(a, i), y = cellText(b, i);
        var c = x.localeCompare(y, undefined, { numeric: true, sensitivity: "base" });
        return ascending ? c : -c;
      });
      rows.forEach(function (r) { body.appendChild(r); });
    });
  });
  announce();
})();
