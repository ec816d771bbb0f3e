// Attune studio: draws each <canvas data-chart="..."> with Chart.js. The attribute holds the
// chart as the server wrote it: {"type": "pie", "labels": [...], "values": [...]} or
// {"type": "line", "labels": [...], "series": [{"label": ..., "values": [...]}]}.
(function () {
  function draw(canvas) {
    var spec = JSON.parse(canvas.getAttribute("data-chart"));
    var options = { responsive: true, maintainAspectRatio: false, animation: false,
      plugins: { legend: { position: "bottom" } } };
    var data;
    if (spec.type === "pie") {
      data = { labels: spec.labels, datasets: [{ data: spec.values }] };
    } else {
      data = { labels: spec.labels, datasets: spec.series.map(function (series) {
        return { label: series.label, data: series.values, tension: 0.2, pointRadius: 2 };
      }) };
      options.scales = { y: { beginAtZero: true } };
      options.interaction = { mode: "index", intersect: false };
    }
    new Chart(canvas, { type: spec.type, data: data, options: options });
  }
  document.querySelectorAll("canvas[data-chart]").forEach(function (canvas) {
    if (!Chart.getChart(canvas)) { draw(canvas); }
  });
})();
