import { html, css } from 'lit';
import { SkeinRefreshingPage } from './skein-refreshing-page.js';

/** The live tree of scopes and branches, refreshed every second; sent flat, indented by depth. */
export class QwcSkeinScopes extends SkeinRefreshingPage {
    static styles = css`
        :host { display: block; padding: 10px 20px; font-size: 14px; }
        .row { padding: 2px 0; white-space: nowrap; }
        .scope .name { font-weight: 600; }
        .branch .name { color: var(--lumo-primary-text-color); }
        .state { margin-left: 8px; font-size: 12px; color: var(--lumo-secondary-text-color); }
        .detail { margin-left: 8px; font-size: 12px; color: var(--lumo-tertiary-text-color); }
        .error { color: var(--lumo-error-text-color); }
    `;

    constructor() {
        super('getScopes', 1000);
    }

    render() {
        if (this._error) {
            return html`<span class="error">${this._error}</span>`;
        }
        if (!this._data) {
            return html`<span>Loading scopes...</span>`;
        }
        if (this._data.rows.length === 0) {
            return html`<span>No scope is open.</span>`;
        }
        return html`
            ${this._data.rows.map(r => html`
                <div class="row ${r.kind}" style="padding-left: ${Math.min(r.depth, 40) * 18}px">
                    ${r.kind === 'scope' ? '▣' : '↳'} <span class="name">${r.name}</span>
                    <span class="state">${r.state}, ${r.ageMillis} ms</span>
                    <span class="detail">${r.detail}</span>
                </div>`)}
            ${this._data.omitted > 0 ? html`<div>... and ${this._data.omitted} more</div>` : ''}`;
    }
}

customElements.define('qwc-skein-scopes', QwcSkeinScopes);
