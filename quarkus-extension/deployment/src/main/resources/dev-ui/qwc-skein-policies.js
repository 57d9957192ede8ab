import { html, css } from 'lit';
import { SkeinRefreshingPage } from './skein-refreshing-page.js';
import '@vaadin/button';

/**
 * The named policies, their breakers' states (refreshed), a button that resets an open breaker, and whether a
 * shared rate limit's store is reachable.
 */
export class QwcSkeinPolicies extends SkeinRefreshingPage {
    static styles = css`
        :host { display: block; padding: 10px 20px; }
        table { border-collapse: collapse; width: 100%; }
        th, td { text-align: left; padding: 6px 10px; border-bottom: 1px solid var(--lumo-contrast-10pct); }
        th { font-weight: 500; color: var(--lumo-secondary-text-color); }
        .breaker { font-weight: 600; }
        .CLOSED { color: var(--lumo-success-text-color); }
        .OPEN { color: var(--lumo-error-text-color); }
        .HALF_OPEN { color: var(--lumo-warning-text-color, orange); }
        .config { font-family: var(--lumo-font-family-monospace, monospace); font-size: 12px; }
        .error { color: var(--lumo-error-text-color); }
    `;

    constructor() {
        super('getPolicies', 2000);
    }

    _reset(name) {
        this.jsonRpc.resetBreaker({ name: name })
            .then(() => this._refresh())
            .catch(e => this._failed(e));
    }

    render() {
        if (!this._data) {
            return this._error ? html`<span class="error">${this._error}</span>` : html`<span>Loading policies...</span>`;
        }
        if (this._data.length === 0) {
            return html`<span>No named policy is defined.</span>`;
        }
        return html`
            ${this._error ? html`<p class="error">${this._error}</p>` : ''}
            <table>
                <tr><th>Policy</th><th>Breaker</th><th></th><th>Retries</th><th>Rejected (breaker / rate / bulkhead)</th>
                    <th>Timeouts</th><th>Configuration</th></tr>
                ${this._data.map(p => html`
                    <tr class="policy" data-policy="${p.name}">
                        <td>${p.name}</td>
                        <td><span class="breaker ${p.breaker ?? ''}">${p.breaker ?? '-'}</span></td>
                        <td>${p.breaker ? html`<vaadin-button theme="small" class="reset" ?disabled=${p.breaker === 'CLOSED'}
                                @click=${() => this._reset(p.name)}>Reset</vaadin-button>` : ''}</td>
                        <td>${p.retries}</td>
                        <td>${p.breakerRejections} / ${p.rateLimitRejections} / ${p.bulkheadRejections}</td>
                        <td>${p.timeouts}</td>
                        <td class="config">${p.config}
                            ${p.sharedLimit ? html`<div class="shared ${p.sharedLimitReachable ? '' : 'error'}">shared limit: ${p.sharedLimit}</div>` : ''}
                            ${p.error ? html`<div class="error">state unreadable: ${p.error}</div>` : ''}</td>
                    </tr>`)}
            </table>`;
    }
}

customElements.define('qwc-skein-policies', QwcSkeinPolicies);
