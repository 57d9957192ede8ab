import { html, svg, css } from 'lit';
import { SkeinRefreshingPage } from './skein-refreshing-page.js';

/**
 * The application's graphs, each drawn as an SVG picture from the layout the server computes
 * (GraphLayout): a box (<g class="node" data-task="...">) per task, an arrow per dependency.
 */
export class QwcSkeinGraphs extends SkeinRefreshingPage {
    static styles = css`
        :host { display: block; padding: 10px 20px; }
        .graph { margin-bottom: 28px; }
        h3 { margin: 6px 0; font-weight: 500; }
        svg { background: var(--lumo-contrast-5pct); border-radius: 6px; max-width: 100%; height: auto; }
        .node rect { fill: var(--lumo-base-color); stroke: var(--lumo-primary-color); stroke-width: 1.5; }
        .node text { fill: var(--lumo-body-text-color); font-size: 13px; font-family: var(--lumo-font-family); }
        .edge { fill: none; stroke: var(--lumo-contrast-50pct); stroke-width: 1.5; }
        .arrowhead { fill: var(--lumo-contrast-50pct); }
        .error { color: var(--lumo-error-text-color); }
    `;

    constructor() {
        super('getGraphs', 0); // the graphs are built once, at start-up
    }

    render() {
        if (this._error) {
            return html`<span class="error">${this._error}</span>`;
        }
        if (!this._data) {
            return html`<span>Loading graphs...</span>`;
        }
        if (this._data.length === 0) {
            return html`<span>This application declares no @TaskGraph.</span>`;
        }
        return html`${this._data.map(g => this._renderGraph(g))}`;
    }

    _renderGraph(g) {
        if (!g.layout) {
            return html`<div class="graph"><h3>${g.name}</h3><span class="error">${g.error}</span></div>`;
        }
        const l = g.layout;
        return html`
            <div class="graph" data-graph="${g.name}">
                <h3>${g.name}</h3>
                <svg width="${l.width}" height="${l.height}" viewBox="0 0 ${l.width} ${l.height}"
                     role="img" aria-label="graph ${g.name}">
                    <defs>
                        <marker id="skein-arrow" viewBox="0 0 10 10" refX="10" refY="5"
                                markerWidth="8" markerHeight="8" orient="auto-start-reverse">
                            <path class="arrowhead" d="M 0 0 L 10 5 L 0 10 z"></path>
                        </marker>
                    </defs>
                    ${l.edges.map(e => this._renderEdge(e))}
                    ${l.nodes.map(n => this._renderNode(n, l))}
                </svg>
            </div>`;
    }

    _renderEdge(e) {
        const mid = (e.x1 + e.x2) / 2;
        return svg`<path class="edge" data-from="${e.from}" data-to="${e.to}"
                d="M ${e.x1} ${e.y1} C ${mid} ${e.y1}, ${mid} ${e.y2}, ${e.x2} ${e.y2}"
                marker-end="url(#skein-arrow)"></path>`;
    }

    _renderNode(n, l) {
        return svg`<g class="node" data-task="${n.task}" transform="translate(${n.x}, ${n.y})">
                <title>${n.task}</title>
                <rect width="${l.boxWidth}" height="${l.boxHeight}" rx="6" ry="6"></rect>
                <text x="${l.boxWidth / 2}" y="${l.boxHeight / 2 + 4}" text-anchor="middle">${n.label}</text>
            </g>`;
    }
}

customElements.define('qwc-skein-graphs', QwcSkeinGraphs);
