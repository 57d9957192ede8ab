import { LitElement, html, css } from 'lit';
import { JsonRpc } from 'jsonrpc';

/** The live tree of scopes and branches, refreshed every second; sent flat, indented by depth. */
export class QwcSkeinScopes extends LitElement {
    jsonRpc = new JsonRpc(this);

    static styles = css`
        :host { display: block; padding: 10px 20px; font-size: 14px; }
        .row { padding: 2px 0; white-space: nowrap; }
        .scope .name { font-weight: 600; }
        .branch .name { color: var(--lumo-primary-text-color); }
        .state { margin-left: 8px; font-size: 12px; color: var(--lumo-secondary-text-color); }
        .detail { margin-left: 8px; font-size: 12px; color: var(--lumo-tertiary-text-color); }
        .error { color: var(--lumo-error-text-color); }
    `;

    static properties = {
        _tree: { state: true },
        _error: { state: true },
    };

    connectedCallback() {
        super.connectedCallback();
        this._refresh();
        this._timer = setInterval(() => this._refresh(), 1000);
    }

    disconnectedCallback() {
        clearInterval(this._timer);
        super.disconnectedCallback();
    }

    _refresh() {
        this.jsonRpc.getScopes()
            .then(response => { this._tree = response.result; this._error = null; })
            .catch(e => { this._error = String(e?.error?.message ?? e); });
    }

    render() {
        if (this._error) {
            return html`<span class="error">${this._error}</span>`;
        }
        if (!this._tree) {
            return html`<span>Loading scopes...</span>`;
        }
        if (this._tree.rows.length === 0) {
            return html`<span>No scope is open.</span>`;
        }
        return html`
            ${this._tree.rows.map(r => html`
                <div class="row ${r.kind}" style="padding-left: ${Math.min(r.depth, 40) * 18}px">
                    ${r.kind === 'scope' ? '▣' : '↳'} <span class="name">${r.name}</span>
                    <span class="state">${r.state}, ${r.ageMillis} ms</span>
                    <span class="detail">${r.detail}</span>
                </div>`)}
            ${this._tree.omitted > 0 ? html`<div>... and ${this._tree.omitted} more</div>` : ''}`;
    }
}

customElements.define('qwc-skein-scopes', QwcSkeinScopes);
