//! Show a stretch of the report text: scroll to it and highlight it with the CSS Custom
//! Highlight API (`::highlight(review-evidence)` in the style sheet), which marks a DOM
//! range without changing the elements Yew renders.
//!
//! The text view renders the report's text once, in order, as its text nodes (see
//! `crate::segments`), so a byte span of the text is found by counting UTF-16 code units
//! along those nodes.

use wasm_bindgen::prelude::wasm_bindgen;

// The finder, a module of its own (wasm-bindgen writes it beside the app's JS as a snippet
// file, so the Content-Security-Policy's script-src 'self' allows it; building a function
// from a string would need 'unsafe-eval'). `(start, end)` in UTF-16 units of the text →
// whether found.
#[wasm_bindgen(inline_js = r#"
export function show_range(start, end) {
  const root = document.querySelector('[data-testid="report-text"]');
  if (!root) return false;
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  let pos = 0, sNode = null, sOff = 0, eNode = null, eOff = 0, n;
  while ((n = walker.nextNode())) {
    const len = n.data.length;
    if (!sNode && start < pos + len) { sNode = n; sOff = start - pos; }
    if (sNode && end <= pos + len) { eNode = n; eOff = end - pos; break; }
    pos += len;
  }
  if (!sNode || !eNode) return false;
  const range = document.createRange();
  range.setStart(sNode, sOff);
  range.setEnd(eNode, eOff);
  if (window.CSS && CSS.highlights && window.Highlight) {
    CSS.highlights.set('review-evidence', new Highlight(range));
  }
  const el = sNode.parentElement;
  if (el) el.scrollIntoView({ block: 'center', behavior: 'smooth' });
  return true;
}
"#)]
extern "C" {
    fn show_range(start: f64, end: f64) -> bool;
}

/// Scroll to the byte span `start..end` of `text` in the text view and highlight it.
/// Returns whether it was found on the page.
pub fn show_span(text: &str, start: usize, end: usize) -> bool {
    let units = |i: usize| text.get(..i).map_or(0, |s| s.encode_utf16().count());
    let (s, e) = (units(start), units(end.max(start)));
    #[allow(clippy::cast_precision_loss)] // UTF-16 offsets of a text far below 2^52
    show_range(s as f64, e as f64)
}
