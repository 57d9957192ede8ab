import { html, css } from 'lit';
import { SkeinRefreshingPage } from './skein-refreshing-page.js';
import '@vaadin/button';

/**
 * The runs of durable graphs that are not over, from the journal (refreshed), with a button that compensates a
 * parked run again once its cause is fixed.
 */
export class QwcSkeinDurableRuns extends SkeinRefreshingPage {
    static styles = css`
        :host { display: block; padding: 10px 20px; }
        table { border-collapse: collapse; width: 100%; }
        th, td { text-align: left; padding: 6px 10px; border-bottom: 1px solid var(--lumo-contrast-10pct); vertical-align: top; }
        th { font-weight: 500; color: var(--lumo-secondary-text-color); }
        .PARKED { color: var(--lumo-error-text-color); font-weight: 600; }
        .RECOVERING { color: var(--lumo-warning-text-color, orange); }
        .small { font-size: 12px; }
        .error { color: var(--lumo-error-text-color); }
    `;

    constructor() {
        super('getDurableRuns', 2000);
    }

    _retry(id) {
        this.jsonRpc.retryDurableRun({ id: id })
            .then(() => this._refresh())
            .catch(e => this._failed(e));
    }

    render() {
        if (!this._data) {
            return this._error ? html`<span class="error">${this._error}</span>` : html`<span>Loading runs...</span>`;
        }
        if (this._data.off) {
            return html`<span>${this._data.off}</span>`;
        }
        if (this._data.runs.length === 0) {
            return html`<span>No durable run is running, recovering or parked.</span>`;
        }
        return html`
            ${this._error ? html`<p class="error">${this._error}</p>` : ''}
            <table>
                <tr><th>Graph</th><th>Status</th><th></th><th>Started</th><th>Reason</th><th>Tasks</th><th>Run</th></tr>
                ${this._data.runs.map(r => html`
                    <tr class="run" data-run="${r.id}">
                        <td>${r.graph}</td>
                        <td><span class="${r.status}">${r.status}</span></td>
                        <td>${r.status === 'PARKED' ? html`<vaadin-button theme="small" class="retry"
                                @click=${() => this._retry(r.id)}>Retry</vaadin-button>` : ''}</td>
                        <td class="small">${r.startedAt}</td>
                        <td class="small">${r.reason ?? ''}</td>
                        <td class="small">${r.tasks}</td>
                        <td class="small">${r.id}<br>${r.owner}</td>
                    </tr>`)}
            </table>`;
    }
}

customElements.define('qwc-skein-durable-runs', QwcSkeinDurableRuns);
