// The report's only script, written for it and shipped inline: sort and filter the batch
// table, open a marker's note on click, show or hide the layers drawn on the pages.
(function () {
  "use strict";
  function cellValue(row, index) {
    var cell = row.cells[index];
    var value = cell.getAttribute("data-value");
    if (value === null) value = cell.textContent.trim();
    var number = parseFloat(value);
    return value !== "" && !isNaN(number) && /^-?[\d.]+$/.test(value) ? number : value.toLowerCase();
  }
  function sortTable(table, index, header) {
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    var descending = header.classList.contains("sorted-asc");
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th) { th.classList.remove("sorted-asc", "sorted-desc"); });
    header.classList.add(descending ? "sorted-desc" : "sorted-asc");
    rows.sort(function (a, b) {
      var x = cellValue(a, index), y = cellValue(b, index);
      if (typeof x !== typeof y) { x = String(x); y = String(y); }
      var order = x < y ? -1 : x > y ? 1 : 0;
      return descending ? -order : order;
    });
    rows.forEach(function (row) { body.appendChild(row); });
  }
  function filterTable(table) {
    var text = (document.getElementById("filter-text").value || "").toLowerCase();
    var status = document.getElementById("filter-status").value;
    var warned = document.getElementById("filter-warned").checked;
    var shown = 0;
    Array.prototype.forEach.call(table.tBodies[0].rows, function (row) {
      var visible = (!text || row.textContent.toLowerCase().indexOf(text) >= 0) &&
        (!status || row.getAttribute("data-status") === status) &&
        (!warned || parseInt(row.getAttribute("data-warnings") || "0", 10) > 0);
      row.hidden = !visible;
      if (visible) shown += 1;
    });
    document.getElementById("shown").textContent = String(shown);
  }
  function setUpIndex() {
    var table = document.getElementById("documents");
    if (!table) return;
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, index) {
      th.addEventListener("click", function () { sortTable(table, index, th); });
    });
    ["filter-text", "filter-status", "filter-warned"].forEach(function (id) {
      var element = document.getElementById(id);
      element.addEventListener("input", function () { filterTable(table); });
      element.addEventListener("change", function () { filterTable(table); });
    });
    filterTable(table);
  }
  function setUpDocument() {
    document.addEventListener("click", function (event) {
      var target = event.target.closest ? event.target.closest(".marker, .ref") : null;
      document.querySelectorAll(".marker.open, .ref.open").forEach(function (open) {
        if (open !== target) open.classList.remove("open");
      });
      if (target) target.classList.toggle("open");
    });
    document.querySelectorAll(".layers input[data-layer]").forEach(function (box) {
      box.addEventListener("change", function () {
        document.body.classList.toggle("hide-" + box.getAttribute("data-layer"), !box.checked);
      });
    });
  }
  document.addEventListener("DOMContentLoaded", function () { setUpIndex(); setUpDocument(); });
})();
