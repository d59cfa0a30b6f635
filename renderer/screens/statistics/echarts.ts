// Apache ECharts for the 统计 screen only: this module is reached through the screen's lazy import, so
// ECharts lands in that chunk and never in the one every screen loads (tests/e2e/bundle.spec.ts checks).
// Only what the six charts draw is registered (the plain legend: none of them scrolls one). The canvas renderer, not the SVG one: the page's CSP has
// no 'unsafe-inline' for styles, and the SVG renderer writes style attributes into its markup.
import * as echarts from 'echarts/core';
import { BarChart, HeatmapChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendPlainComponent, TooltipComponent, VisualMapPiecewiseComponent } from 'echarts/components';
import { LegacyGridContainLabel } from 'echarts/features';
import { CanvasRenderer } from 'echarts/renderers';

// The meetings heatmap's hidden visualMap needs its component; LegacyGridContainLabel keeps the options'
// containLabel working in ECharts 6, as it does for the report (templates/chart-svg.ts).
echarts.use([BarChart, LineChart, HeatmapChart, GridComponent, LegendPlainComponent, TooltipComponent, VisualMapPiecewiseComponent, LegacyGridContainLabel, CanvasRenderer]);

export const init = echarts.init;
export type EChartsType = echarts.EChartsType;
