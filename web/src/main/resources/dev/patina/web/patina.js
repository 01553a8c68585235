// Patina: optional live filtering of the devices table as you type (the form works without it).
document.addEventListener("DOMContentLoaded", function () {
  var box = document.getElementById("filter");
  var table = document.getElementById("devices");
  if (!box || !table) return;
  box.addEventListener("input", function () {
    var f = box.value.toLowerCase();
    table.querySelectorAll("tbody tr").forEach(function (tr) {
      tr.hidden = f !== "" && tr.textContent.toLowerCase().indexOf(f) < 0;
    });
  });
});
