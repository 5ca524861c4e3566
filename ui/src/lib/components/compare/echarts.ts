// ECharts, tree-shaken: only the charts, components and renderer the compare view uses.
import * as echarts from 'echarts/core';
import { BarChart, SankeyChart, type BarSeriesOption, type SankeySeriesOption } from 'echarts/charts';
import {
  GridComponent,
  LegendComponent,
  TooltipComponent,
  type GridComponentOption,
  type LegendComponentOption,
  type TooltipComponentOption,
} from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([BarChart, SankeyChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export type ChartOption = echarts.ComposeOption<
  BarSeriesOption | SankeySeriesOption | GridComponentOption | LegendComponentOption | TooltipComponentOption
>;

export { echarts };

/** One colour per compared scenario (first = baseline). */
export const SCENARIO_COLOURS = ['#1f3a6b', '#d9822b', '#2e7d4f', '#8e44ad'];
