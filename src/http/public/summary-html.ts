// Published summaries as HTML for the page and feeds. The renderer is loaded lazily and guarded:
// if it cannot load or throws, the summary is shown as escaped plain text, and the status page
// (which must stay up when other things are down) keeps working.
type Render = (markdown: string) => string;

const escapeHtml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export function plainSummaryHtml(markdown: string): string {
  return `<pre class="summary-plain">${escapeHtml(markdown)}</pre>`;
}

let renderer: Promise<Render> | null = null;

function loadRenderer(): Promise<Render> {
  renderer ??= import('../../core/summary/render').then(
    (m) => m.renderSummaryHtml,
    (err: unknown) => {
      console.error('[afterword] the summary renderer failed to load; showing summaries as plain text:', err);
      return plainSummaryHtml;
    },
  );
  return renderer;
}

/** Sanitised HTML for a published summary's markdown (see src/core/summary/render.ts). */
export async function summaryHtml(markdown: string): Promise<string> {
  const render = await loadRenderer();
  try {
    return render(markdown);
  } catch (err) {
    console.error('[afterword] rendering a summary failed; showing it as plain text:', err);
    return plainSummaryHtml(markdown);
  }
}
