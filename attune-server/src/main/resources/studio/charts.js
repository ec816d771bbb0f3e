// Attune studio: draws each <canvas data-chart="..."> with Chart.js. The attribute holds the
// chart as the server wrote it: {"type": "pie", "labels": [...], "values": [...]} or
// {"type": "line" | "bar", "labels": [...], "series": [{"label": ..., "values": [...]}]}, with
// optionally "stacked": true and "unit": "count" | "percent" | "money" for how the axis and
// the tooltips write values (the server computed them; here they are only written out).
(function () {
  var formats = {
    count: new Intl.NumberFormat("en", { maximumFractionDigits: 2 }),
    money: new Intl.NumberFormat("en", { minimumFractionDigits: 2, maximumFractionDigits: 2 }),
    percent: new Intl.NumberFormat("en", { maximumFractionDigits: 2 })
  };
  function writer(unit) {
    var format = formats[unit] || formats.count;
    return function (value) {
      return value === null || value === undefined ? "–" : format.format(value) + (unit === "percent" ? "%" : "");
    };
  }
  function draw(canvas) {
    var spec = JSON.parse(canvas.getAttribute("data-chart"));
    var options = { responsive: true, maintainAspectRatio: false, animation: false,
      plugins: { legend: { position: "bottom" } } };
    var data;
    if (spec.type === "pie") {
      data = { labels: spec.labels, datasets: [{ data: spec.values }] };
    } else {
      var write = writer(spec.unit);
      data = { labels: spec.labels, datasets: spec.series.map(function (series) {
        return { label: series.label, data: series.values, tension: 0.2, pointRadius: 3 };
      }) };
      options.scales = {
        x: { stacked: !!spec.stacked },
        y: { beginAtZero: true, stacked: !!spec.stacked, ticks: { callback: write } }
      };
      if (spec.unit === "count") { options.scales.y.ticks.precision = 0; }
      options.interaction = { mode: "index", intersect: false };
      options.plugins.tooltip = { callbacks: { label: function (item) {
        return item.dataset.label + ": " + write(item.raw);
      } } };
    }
    new Chart(canvas, { type: spec.type, data: data, options: options });
  }
  document.querySelectorAll("canvas[data-chart]").forEach(function (canvas) {
    if (!Chart.getChart(canvas)) { draw(canvas); }
  });
})();
