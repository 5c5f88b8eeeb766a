// Published summaries as HTML for the page and feeds, guarded: if the renderer throws, the summary
// is shown as escaped plain text, and the status page (which must stay up when other things are
// down) keeps working. (The renderer is bundled with the page: a lazy import bought nothing in one
// bundle, and its module wrapper cost the Worker bundle 0.4 KB.)
import { escapeHtml, renderSummaryHtml } from '../../core/summary/render';

function plainSummaryHtml(markdown: string): string {
  return `<pre class="summary-plain">${escapeHtml(markdown)}</pre>`;
}

/** Sanitised HTML for a published summary's markdown (see src/core/summary/render.ts). */
export function summaryHtml(markdown: string): string {
  try {
    return renderSummaryHtml(markdown);
  } catch (err) {
    console.error('[afterword] rendering a summary failed; showing it as plain text:', err);
    return plainSummaryHtml(markdown);
  }
}
