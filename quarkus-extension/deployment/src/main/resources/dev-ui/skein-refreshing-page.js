import { LitElement } from 'lit';
import { JsonRpc } from 'jsonrpc';

/**
 * A Skein page whose data comes from one JSON-RPC method, asked again every `period` milliseconds while
 * the page is shown (once, for a period of 0). Subclasses render `_data` (null until the first answer) and `_error`.
 */
export class SkeinRefreshingPage extends LitElement {
    jsonRpc = new JsonRpc(this);

    static properties = {
        _data: { state: true },
        _error: { state: true },
    };

    constructor(method, period) {
        super();
        this._method = method;
        this._period = period;
    }

    connectedCallback() {
        super.connectedCallback();
        this._refresh();
        if (this._period > 0) {
            this._timer = setInterval(() => this._refresh(), this._period);
        }
    }

    disconnectedCallback() {
        clearInterval(this._timer);
        super.disconnectedCallback();
    }

    _refresh() {
        this.jsonRpc[this._method]()
            .then(response => { this._data = response.result; this._error = null; })
            .catch(e => this._failed(e));
    }

    _failed(e) {
        this._error = String(e?.error?.message ?? e);
    }
}
