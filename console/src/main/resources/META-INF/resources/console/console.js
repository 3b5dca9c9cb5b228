// The console's only script: the next-best-actions panel follows new decisions (polling), the loyalty and KPI charts.
// Everything works without it; it only keeps the decision point fresh and draws the history.
(function () {
  'use strict';

  function newer(fresh, shown) {
    if (!shown) { return true; }
    var a = Date.parse(fresh), b = Date.parse(shown);
    return !isNaN(a) && (isNaN(b) || a > b);
  }

  function pollNextBestActions() {
    var config = document.getElementById('poll-config');
    var panel = document.getElementById('nba');
    if (!config || !panel) { return; }
    var seconds = parseInt(config.getAttribute('data-seconds'), 10) || 3;
    var busy = false;
    setInterval(function () {
      var current = document.getElementById('nba');
      // never swap the panel under a user who is working in it
      if (busy || !current || current.contains(document.activeElement) && document.activeElement !== document.body) { return; }
      busy = true;
      fetch(current.getAttribute('data-poll-url'), { headers: { 'Accept': 'text/html' }, credentials: 'same-origin' })
        .then(function (answer) { return answer.ok ? answer.text() : null; })
        .then(function (html) {
          if (!html) { return; }
          var fresh = new DOMParser().parseFromString(html, 'text/html').getElementById('nba');
          // a newer decision of the event chain replaces the one shown (also one the staff asked for)
          if (fresh && fresh.getAttribute('data-decision-id') !== current.getAttribute('data-decision-id')
              && newer(fresh.getAttribute('data-decided-at'), current.getAttribute('data-decided-at'))) {
            current.replaceWith(document.importNode(fresh, true));
            var live = document.getElementById('live');
            if (live) { live.textContent = live.getAttribute('data-new-text'); }
          }
        })
        .catch(function () { /* the next round tries again */ })
        .then(function () { busy = false; });
    }, seconds * 1000);
  }

  function drawLoyaltyChart() {
    var target = document.getElementById('loyalty-chart');
    if (!target || typeof uPlot === 'undefined') { return; }
    var data = JSON.parse(target.getAttribute('data-series'));
    var labels = target.getAttribute('data-labels').split('|');
    var width = Math.max(280, target.clientWidth || 360);
    new uPlot({
      width: width, height: 180,
      scales: { y: { range: [0, 100] } },
      series: [{}, { label: labels[0], stroke: '#0b4f9c', width: 2 }, { label: labels[1], stroke: '#116329', width: 2 },
        { label: labels[2], stroke: '#a40e26', width: 2, dash: [6, 4] }],
      axes: [{}, { values: function (u, ticks) { return ticks.map(function (v) { return v + ''; }); } }]
    }, data, target);
  }

  // the analytics page: one chart per .kpi-chart, months on the x axis, two series each; the table below has the figures
  function drawKpiCharts() {
    if (typeof uPlot === 'undefined') { return; }
    var charts = document.querySelectorAll('.kpi-chart');
    for (var i = 0; i < charts.length; i++) {
      var target = charts[i];
      var data = JSON.parse(target.getAttribute('data-series'));
      var labels = target.getAttribute('data-labels').split('|');
      new uPlot({
        width: Math.max(280, target.clientWidth || 360), height: 200,
        series: [{ label: labels[0], value: function (u, v) { return v == null ? '' : new Date(v * 1000).toISOString().substring(0, 7); } },
          { label: labels[1], stroke: '#0b4f9c', width: 2, points: { show: true } },
          { label: labels[2], stroke: '#a40e26', width: 2, dash: [6, 4], points: { show: true }, scale: 'right' }],
        scales: { x: { time: true } },
        axes: [{ values: function (u, ticks) { return ticks.map(function (v) { return new Date(v * 1000).toISOString().substring(0, 7); }); } },
          {}, { scale: 'right', side: 1, grid: { show: false } }]
      }, data, target);
    }
  }

  document.addEventListener('DOMContentLoaded', function () {
    pollNextBestActions();
  });
  window.addEventListener('load', drawLoyaltyChart);
  window.addEventListener('load', drawKpiCharts);
}());
