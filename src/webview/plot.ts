import { Chart, Legend, LinearScale, LineController, LineElement, PointElement, ScatterController, Tooltip, type ChartDataset } from 'chart.js';
import type { Locale } from '../catalogue';
import { COMPARISONS, compareCurves } from '../calculator/compare';
import { displayNumber } from '../calculator/format';
import type { Curve } from '../calculator/sweep';
import { themeColor } from './dom';
import { t } from './strings';

Chart.register(LineController, ScatterController, LineElement, PointElement, LinearScale, Legend, Tooltip);

/** Colours from the VS Code theme, re-read on every draw so theme switches apply. */
function palette(): { fg: string; grid: string; series: string[] } {
  return {
    fg: themeColor('--vscode-editor-foreground', '#333'),
    grid: themeColor('--vscode-panel-border', 'rgba(128,128,128,0.35)'),
    series: [
      themeColor('--vscode-charts-blue', '#3794ff'),
      themeColor('--vscode-charts-orange', '#d18616'),
      themeColor('--vscode-charts-green', '#388a34'),
      themeColor('--vscode-charts-purple', '#652d90'),
      themeColor('--vscode-charts-red', '#e51400'),
      themeColor('--vscode-charts-yellow', '#bf8803'),
    ],
  };
}

function axis(title: string, fg: string, grid: string, position?: 'left' | 'right') {
  return {
    type: 'linear' as const,
    position,
    title: { display: true, text: title, color: fg },
    ticks: { color: fg, callback: (v: number | string) => displayNumber(Number(v), 3) },
    grid: { color: grid, drawOnChartArea: position !== 'right' },
    border: { color: grid },
  };
}

const charts = new WeakMap<HTMLCanvasElement, Chart>();

function draw(canvas: HTMLCanvasElement, datasets: ChartDataset<'line' | 'scatter', { x: number; y: number }[]>[], scales: Record<string, unknown>, label: string): void {
  charts.get(canvas)?.destroy();
  const { fg } = palette();
  canvas.setAttribute('role', 'img');
  canvas.setAttribute('aria-label', label);
  const chart = new Chart(canvas, {
    type: 'line',
    data: { datasets: datasets as ChartDataset<'line', { x: number; y: number }[]>[] },
    options: {
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      parsing: false,
      normalized: true,
      interaction: { mode: 'nearest', intersect: false },
      plugins: { legend: { labels: { color: fg } }, tooltip: { enabled: true } },
      scales: scales as never,
    },
  });
  charts.set(canvas, chart);
  canvas.dataset.drawn = String(datasets.length);
}

function points(xs: readonly number[], ys: readonly number[]): { x: number; y: number }[] {
  const out: { x: number; y: number }[] = [];
  for (let i = 0; i < xs.length; i++) if (Number.isFinite(ys[i])) out.push({ x: xs[i], y: ys[i] });
  return out;
}

/** Loss (left axis) and its derivative (right axis) against one element, the current point marked. */
export function drawSweep(canvas: HTMLCanvasElement, curve: Curve, what: string, locale: Locale): void {
  const { fg, grid, series } = palette();
  const title = t(locale, 'sweepTitle', what, '');
  draw(
    canvas,
    [
      { type: 'line', label: t(locale, 'lossAxis'), data: points(curve.xs, curve.ys), borderColor: series[0], backgroundColor: series[0], pointRadius: 0, borderWidth: 2, yAxisID: 'y' },
      { type: 'line', label: t(locale, 'gradAxis'), data: points(curve.xs, curve.grads), borderColor: series[1], backgroundColor: series[1], borderDash: [6, 4], pointRadius: 0, borderWidth: 1.5, yAxisID: 'y1' },
      {
        type: 'scatter',
        label: `${t(locale, 'current')} (${displayNumber(curve.current.x)}, ${displayNumber(curve.current.y)})`,
        data: Number.isFinite(curve.current.y) ? [{ x: curve.current.x, y: curve.current.y }] : [],
        borderColor: series[4],
        backgroundColor: series[4],
        pointRadius: 6,
        pointHoverRadius: 8,
        yAxisID: 'y',
      },
    ],
    { x: axis(what, fg, grid), y: axis(t(locale, 'lossAxis'), fg, grid, 'left'), y1: axis(t(locale, 'gradAxis'), fg, grid, 'right') },
    title,
  );
}

/** Several losses overlaid on one axis; losses the engine can't compute are listed instead. */
export function drawComparison(canvas: HTMLCanvasElement, id: string, locale: Locale): string[] {
  const c = COMPARISONS.find((x) => x.id === id);
  if (!c) return [];
  const { fg, grid, series } = palette();
  const curves = compareCurves(c);
  const missing = curves.filter((k) => k.error).map((k) => t(locale, 'compareMissing', k.label, k.error ?? ''));
  draw(
    canvas,
    curves
      .filter((k) => !k.error)
      .map((k, i) => ({ type: 'line' as const, label: k.label, data: points(k.xs, k.ys), borderColor: series[i % series.length], backgroundColor: series[i % series.length], pointRadius: 0, borderWidth: 2, borderDash: i % 2 ? [6, 3] : undefined })),
    { x: axis(c.xLabel[locale], fg, grid), y: axis(t(locale, 'lossAxis'), fg, grid, 'left') },
    c.title[locale],
  );
  return missing;
}
