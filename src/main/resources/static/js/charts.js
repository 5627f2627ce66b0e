// Charts of the reports and listening pages, drawn with ECharts (webjar) from the series the server
// put in data-series; every label comes from the page (message bundles), dates in the page's language.
(function () {
  'use strict';

  function css(name) { return getComputedStyle(document.documentElement).getPropertyValue(name).trim(); }

  function dayLabel(day) {
    const date = new Date(day + 'T00:00:00Z');
    return new Intl.DateTimeFormat(document.documentElement.lang || undefined,
      { day: 'numeric', month: 'short', timeZone: 'UTC' }).format(date);
  }

  function base(series, el) {
    const text = css('--bs-body-color');
    const line = css('--bs-border-color');
    return {
      animation: false,
      textStyle: { color: text, fontFamily: css('--bs-body-font-family') },
      color: [css('--bs-primary'), css('--bs-danger'), css('--bs-warning'), css('--bs-success')],
      tooltip: { trigger: 'axis', backgroundColor: css('--bs-body-bg'), borderColor: line, textStyle: { color: text } },
      legend: { top: 0, textStyle: { color: text } },
      grid: { left: 56, right: 56, top: 40, bottom: 32 },
      xAxis: { type: 'category', data: series.days.map(dayLabel), axisLine: { lineStyle: { color: line } },
        axisLabel: { color: text } },
      yAxis: [{ type: 'value', axisLabel: { color: text }, splitLine: { lineStyle: { color: line } },
        nameTextStyle: { color: text } }]
    };
  }

  const kinds = {
    'report-volume': function (s, el) {
      const o = base(s, el);
      o.yAxis[0].name = el.dataset.labelCount;
      o.yAxis[0].minInterval = 1;
      o.series = [
        { name: el.dataset.labelOpened, type: 'bar', data: s.opened, itemStyle: { color: css('--bs-info') } },
        { name: el.dataset.labelResolved, type: 'bar', data: s.resolved, itemStyle: { color: css('--bs-primary') } }];
      return o;
    },
    'report-times': function (s, el) {
      const o = base(s, el);
      o.yAxis[0].name = el.dataset.labelMinutes;
      o.yAxis.push({ type: 'value', min: 0, max: 100, name: '%', axisLabel: { color: css('--bs-body-color'), formatter: '{value} %' },
        splitLine: { show: false } });
      o.series = [
        { name: el.dataset.labelFrt, type: 'line', data: s.firstResponseMedianMinutes, connectNulls: false, showSymbol: true,
          itemStyle: { color: css('--bs-warning') } },
        { name: el.dataset.labelSla, type: 'line', yAxisIndex: 1, data: s.slaPercent, connectNulls: false, showSymbol: true,
          lineStyle: { type: 'dashed' }, itemStyle: { color: css('--bs-success') } }];
      return o;
    },
    'listening-volume': function (s, el) {
      const o = base(s, el);
      o.yAxis[0].minInterval = 1;
      o.series = [
        { name: el.dataset.labelAll, type: 'bar', data: s.mentions, itemStyle: { color: css('--bs-info') } },
        { name: el.dataset.labelNegative, type: 'bar', data: s.negative, barGap: '-100%', itemStyle: { color: css('--bs-danger') } }];
      return o;
    },
    'followers': function (s, el) {
      const o = base(s, el);
      o.yAxis[0].scale = true;
      o.yAxis[0].name = el.dataset.labelFollowers;
      o.yAxis.push({ type: 'value', min: -1, max: 1, axisLabel: { color: css('--bs-body-color') }, splitLine: { show: false } });
      o.series = [
        { name: el.dataset.labelFollowers, type: 'line', data: s.followers, connectNulls: true, itemStyle: { color: css('--bs-primary') } },
        { name: el.dataset.labelNet, type: 'bar', yAxisIndex: 1, data: s.netSentiment.map(function (v) {
          return v === null ? null : { value: v, itemStyle: { color: v >= 0 ? css('--bs-success') : css('--bs-danger') } };
        }) }];
      return o;
    },
    // the customer space: what each contract consumed, one line per contract and metric
    'consumption': function (s, el) {
      const o = base(s, el);
      o.yAxis[0].name = el.dataset.labelQuantity;
      o.series = s.lines.map(function (line) {
        return { name: line.name, type: 'bar', data: line.data };
      });
      return o;
    }
  };

  const drawn = [];

  function draw() {
    if (!window.echarts) { return; }
    drawn.splice(0).forEach(function (c) { c.dispose(); });
    document.querySelectorAll('[data-chart]').forEach(function (el) {
      const kind = kinds[el.dataset.chart];
      if (!kind) { return; }
      const chart = echarts.init(el, null, { renderer: 'svg' });
      chart.setOption(kind(JSON.parse(el.dataset.series), el));
      el.dataset.drawn = 'true';
      drawn.push(chart);
    });
  }

  document.addEventListener('DOMContentLoaded', draw);
  document.addEventListener('parlons:theme', draw);
  window.addEventListener('resize', function () { drawn.forEach(function (c) { c.resize(); }); });
})();
