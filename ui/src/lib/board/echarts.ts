// The parts of ECharts the trade-off chart uses, registered once; imported lazily so the
// board loads without them. Bundled by Vite from node_modules: nothing is fetched at runtime.
import { LineChart, ScatterChart } from 'echarts/charts';
import { GridComponent, LegendComponent, MarkLineComponent, TooltipComponent } from 'echarts/components';
import { init, use } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

// Scatter: the current plan's marker.
use([LineChart, ScatterChart, GridComponent, LegendComponent, TooltipComponent, MarkLineComponent, CanvasRenderer]);

export { init };
