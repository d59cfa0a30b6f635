// An ECharts option drawn as an SVG string on the Node side (server-side rendering, no DOM, no canvas),
// for pdfmake to draw as vectors: lines, bars and text stay sharp at any zoom and the text stays text.
// Only the chart kinds and components the report uses are loaded.
import * as echarts from 'echarts/core';
import { BarChart, HeatmapChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, VisualMapPiecewiseComponent } from 'echarts/components';
import { LegacyGridContainLabel } from 'echarts/features';
import { SVGRenderer } from 'echarts/renderers';

// LegacyGridContainLabel: the shared options lay the grid out with containLabel, as ECharts 5 did.
echarts.use([BarChart, LineChart, HeatmapChart, GridComponent, LegendComponent, VisualMapPiecewiseComponent, LegacyGridContainLabel, SVGRenderer]);

/** The chart as an SVG document of `width` × `height` units (drawn at 1 unit = 1 pt when the node's width is `width`). */
export function chartSvg(option: Record<string, unknown>, width: number, height: number): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    // A key left undefined (the print options' tooltip) would make ECharts look for a component it need not load.
    const defined = Object.fromEntries(Object.entries(option).filter(([, v]) => v !== undefined));
    // No animation: a server-side chart is drawn once, and a running animation would keep the process alive.
    chart.setOption({ ...defined, animation: false });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}
