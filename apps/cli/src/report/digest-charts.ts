import * as echarts from 'echarts';
import type { ExecutiveDigest } from '@vouch/projections';

const WIDTH = 560;
const HEIGHT = 260;

/** Renders one ECharts option as a self-contained SVG string, server-side (no DOM, no script). */
function svgOf(option: echarts.EChartsOption, height = HEIGHT): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: WIDTH, height });
  try {
    chart.setOption({ animation: false, textStyle: { fontFamily: 'sans-serif' }, ...option });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

/** Win rate of the period's deals with vs without a completed reference, as bars. */
export function winRateChart(digest: ExecutiveDigest): string {
  const pct = (r: { rate?: number }) => (r.rate === undefined ? 0 : Math.round(r.rate * 1000) / 10);
  return svgOf({
    title: { text: 'Win rate, with vs without references (%)', textStyle: { fontSize: 13 } },
    grid: { left: 50, right: 20, top: 40, bottom: 30 },
    xAxis: { type: 'category', data: ['with references', 'without'] },
    yAxis: { type: 'value', max: 100 },
    series: [
      {
        type: 'bar',
        barWidth: '40%',
        label: { show: true, position: 'top', formatter: '{c} %' },
        data: [
          { value: pct(digest.winRateWithReferences), itemStyle: { color: '#2f7d4f' } },
          { value: pct(digest.winRateWithoutReferences), itemStyle: { color: '#9aa5b1' } },
        ],
      },
    ],
  });
}

/** The assessment's eleven elements as horizontal bars, coloured by grade. */
export function assessmentChart(digest: ExecutiveDigest): string {
  const colour = { STRONG: '#2f7d4f', FAIR: '#c98a12', WEAK: '#b3261e', NOT_MEASURED: '#cccccc' };
  const elements = [...digest.assessment.elements].reverse();
  return svgOf(
    {
      title: { text: 'Program health by element (0–1)', textStyle: { fontSize: 13 } },
      grid: { left: 260, right: 30, top: 40, bottom: 20 },
      xAxis: { type: 'value', max: 1 },
      yAxis: { type: 'category', data: elements.map((e) => e.title), axisLabel: { fontSize: 10 } },
      series: [
        {
          type: 'bar',
          label: { show: true, position: 'right', fontSize: 10 },
          data: elements.map((e) => ({ value: e.score ?? 0, itemStyle: { color: colour[e.grade] } })),
        },
      ],
    },
    380,
  );
}

/** Completed uses per 30-day slice of the period, as a line. */
export function usesChart(digest: ExecutiveDigest): string {
  return svgOf({
    title: { text: 'Reference uses per 30 days', textStyle: { fontSize: 13 } },
    grid: { left: 50, right: 20, top: 40, bottom: 30 },
    xAxis: {
      type: 'category',
      data: digest.usesBySlice.map((s) => new Date(s.from).toISOString().slice(0, 10)),
    },
    yAxis: { type: 'value', minInterval: 1 },
    series: [{ type: 'line', data: digest.usesBySlice.map((s) => s.uses), itemStyle: { color: '#1f5fa8' } }],
  });
}
