// The summary editor's live checking (built into public/console.js): the same pure lintSummary the
// server runs, on every keystroke, with no request. Findings are underlined in a mirror behind the
// textarea, listed with "Show" and "Apply suggestion", counted against 400 words, and announced in a
// polite live region after a pause in typing. Publish stays disabled while an error remains.
import type { Lexicon } from '../../../core/summary/lexicon';
import { lintSummary } from '../../../core/summary/lint';
import { type Finding, type LintOptions, MAX_WORDS } from '../../../core/summary/types';
import { announcement, applyAt, markedMirror, replacementFor, spanOf } from './findings';

interface EditorStats {
  /** Milliseconds per check (lint + redraw), newest last: read by the browser test. */
  timings: number[];
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, cls?: string, text?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (cls) node.className = cls;
  if (text !== undefined) node.textContent = text;
  return node;
}

/** Appends nodes and text (DOM `append` is shadowed by the Workers types' HTMLRewriter Element). */
function add(parent: Node, ...children: (Node | string)[]): void {
  for (const c of children) parent.appendChild(typeof c === 'string' ? document.createTextNode(c) : c);
}

function start(area: HTMLTextAreaElement): void {
  const mirror = document.getElementById('summary-mirror');
  const list = document.getElementById('finding-list');
  const count = document.getElementById('word-count');
  const live = document.getElementById('findings-status');
  const publish = document.getElementById('publish-button') as HTMLButtonElement | null;
  if (!mirror || !list || !count || !live) return;

  const lexicon = JSON.parse(area.dataset.lexicon ?? '{}') as Lexicon;
  const options: LintOptions = {};
  if (area.dataset.startedAt) {
    options.incident = {
      startedAt: Number(area.dataset.startedAt),
      resolvedAt: area.dataset.resolvedAt ? Number(area.dataset.resolvedAt) : null,
    };
  }
  const stats: EditorStats = { timings: [] };
  (window as unknown as { afterwordEditor: EditorStats }).afterwordEditor = stats;
  document.body.classList.add('live-editor');

  let findings: Finding[] = [];
  let words = 0;
  let announceTimer: ReturnType<typeof setTimeout> | undefined;

  function select(f: Finding) {
    const { start: s, end } = spanOf(area.value, f);
    area.focus();
    area.setSelectionRange(s, end);
  }

  function apply(f: Finding, replacement: string) {
    const { start: s, end } = spanOf(area.value, f);
    const next = applyAt(area.value, s, end, replacement);
    area.value = next.text;
    area.focus();
    area.setSelectionRange(next.caret, next.caret);
    check();
    announce();
  }

  function renderList() {
    list?.replaceChildren(
      ...findings.map((f, i) => {
        const li = el('li', `finding f-${f.severity}`);
        li.id = `finding-${i}`;
        add(li, el('span', `sev sev-${f.severity}`, f.severity), ' ', el('code', '', f.rule), ' ');
        add(li, el('span', 'where', `line ${f.line}: `));
        if (f.text) add(li, el('mark', `f-${f.severity}`, f.text), ' ');
        add(li, el('span', 'message', f.message));
        if (f.suggestion) add(li, el('span', 'suggestion', ` Suggestion: ${f.suggestion}.`));
        const actions = el('span', 'finding-actions');
        if (f.length > 0) {
          const show = el('button', 'secondary small', 'Show');
          show.type = 'button';
          show.setAttribute('aria-label', `Show "${f.text}" in the text`);
          show.addEventListener('click', () => select(f));
          add(actions, show);
        }
        const replacement = replacementFor(f);
        if (replacement !== null) {
          const btn = el('button', 'small apply', 'Apply suggestion');
          btn.type = 'button';
          btn.setAttribute(
            'aria-label',
            replacement
              ? `Apply suggestion: replace "${f.text}" with "${replacement}"`
              : `Apply suggestion: remove "${f.text}"`,
          );
          btn.addEventListener('click', () => apply(f, replacement));
          add(actions, btn);
        }
        add(li, actions);
        return li;
      }),
    );
  }

  function check() {
    const t0 = performance.now();
    const result = lintSummary(area.value, lexicon, options);
    findings = result.findings;
    words = result.words;
    if (mirror) mirror.innerHTML = markedMirror(area.value, findings);
    renderList();
    if (count) {
      count.textContent = `${words} / ${MAX_WORDS} words`;
      count.classList.toggle('over', words > MAX_WORDS);
    }
    if (publish) publish.disabled = !result.ok || publish.dataset.blocked !== undefined;
    syncScroll();
    stats.timings.push(performance.now() - t0);
    if (stats.timings.length > 2000) stats.timings.shift();
  }

  function announce() {
    if (live) live.textContent = announcement(findings, words, MAX_WORDS);
  }

  function syncScroll() {
    // The textarea grows with its text (no inner scrollbar), so the mirror behind it wraps identically.
    area.style.height = 'auto';
    area.style.height = `${area.scrollHeight + 2}px`;
    if (mirror) {
      mirror.scrollTop = area.scrollTop;
      mirror.scrollLeft = area.scrollLeft;
    }
  }

  area.addEventListener('input', () => {
    check();
    clearTimeout(announceTimer);
    announceTimer = setTimeout(announce, 800);
  });
  area.addEventListener('scroll', syncScroll);
  check();
}

const area = document.getElementById('summary-md');
if (area instanceof HTMLTextAreaElement && !area.readOnly) start(area);
