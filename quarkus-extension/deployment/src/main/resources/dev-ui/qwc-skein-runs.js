import { html, svg, css } from 'lit';
import { SkeinRefreshingPage } from './skein-refreshing-page.js';

const LABEL = 180;
const CHART = 600;
const ROW = 22;

/** The last runs of each graph, newest first, each as a Gantt chart of its tasks and compensations. */
export class QwcSkeinRuns extends SkeinRefreshingPage {
    static styles = css`
        :host { display: block; padding: 10px 20px; }
        h3 { margin: 14px 0 4px; font-weight: 500; }
        .run { margin: 8px 0 16px; }
        .summary { font-size: 13px; color: var(--lumo-secondary-text-color); }
        .label { font-size: 12px; fill: var(--lumo-body-text-color); font-family: var(--lumo-font-family); }
        .bar { fill: var(--lumo-success-color); }
        .bar.FAILED, .bar.COMPENSATION_FAILED { fill: var(--lumo-error-color); }
        .bar.CANCELLED, .bar.COMPENSATED { fill: var(--lumo-contrast-40pct); }
        .compensation { fill: var(--lumo-warning-color, orange); opacity: 0.8; }
        .error { color: var(--lumo-error-text-color); }
        .legend { font-size: 12px; color: var(--lumo-secondary-text-color); }
        .legend span { display: inline-block; width: 12px; height: 10px; margin: 0 4px 0 12px; border-radius: 2px; }
    `;

    constructor() {
        super('getRuns', 2000);
    }

    render() {
        if (this._error) {
            return html`<span class="error">${this._error}</span>`;
        }
        if (!this._data) {
            return html`<span>Loading runs...</span>`;
        }
        if (this._data.length === 0) {
            return html`<span>No graph has run since the application started.</span>`;
        }
        let graph = null;
        return html`
            <div class="legend">
                <span style="background: var(--lumo-success-color)"></span>succeeded
                <span style="background: var(--lumo-error-color)"></span>failed
                <span style="background: var(--lumo-contrast-40pct)"></span>cancelled or compensated
                <span style="background: var(--lumo-warning-color, orange)"></span>compensation
            </div>
            ${this._data.map(run => {
            const header = run.graph !== graph ? html`<h3>${run.graph}</h3>` : '';
            graph = run.graph;
            return html`${header}${this._renderRun(run)}`;
        })}`;
    }

    _summary(run) {
        return `${run.outcome} at ${run.startedAt}, ${run.durationMillis} ms`
            + (run.failedTask ? `, failed at '${run.failedTask}'` : '')
            + (run.failure ? `: ${run.failure}` : '');
    }

    _renderRun(run) {
        const end = Math.max(1, run.durationMillis,
            ...run.tasks.map(t => Math.max(t.end, t.compensationEnd)));
        const x = ms => LABEL + (ms / end) * CHART;
        const width = ms0 => Math.max(2, ms0 / end * CHART);
        const height = run.tasks.length * ROW + 24;
        return html`
            <div class="run" data-graph="${run.graph}">
                <div class="summary">${this._summary(run)}</div>
                <svg class="gantt" width="${LABEL + CHART + 60}" height="${height}">
                    ${run.tasks.map((t, i) => svg`
                        <g class="task" data-task="${t.task}">
                            <title>${t.task}: ${t.outcome}${t.failure ? ' - ' + t.failure : ''}</title>
                            <text class="label" x="0" y="${i * ROW + 15}">${t.task.length > 26 ? t.task.slice(0, 25) + '…' : t.task}</text>
                            ${t.start >= 0 ? svg`<rect class="bar ${t.outcome}" x="${x(t.start)}" y="${i * ROW + 3}"
                                width="${width(t.end - t.start)}" height="${ROW - 8}" rx="2"></rect>` : ''}
                            ${t.compensationStart >= 0 ? svg`<rect class="compensation" x="${x(t.compensationStart)}"
                                y="${i * ROW + 3}" width="${width(t.compensationEnd - t.compensationStart)}" height="${ROW - 8}"
                                rx="2"></rect>` : ''}
                        </g>`)}
                    <text class="label" x="${LABEL}" y="${height - 4}">0 ms</text>
                    <text class="label" x="${LABEL + CHART}" y="${height - 4}" text-anchor="end">${end} ms</text>
                </svg>
                ${run.omittedTasks > 0 ? html`<div class="summary">... and ${run.omittedTasks} more tasks</div>` : ''}
            </div>`;
    }
}

customElements.define('qwc-skein-runs', QwcSkeinRuns);
