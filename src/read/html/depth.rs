//! A bound on how deep a page nests, checked before html5ever sees it. The tree builder
//! looks through its stack of open elements for every tag (scope checks, formatting
//! elements reopened in each new block), so its time grows with the nesting depth times the
//! number of tags: a hostile page 200,000 `<div>`s deep takes hours. Real pages nest tens of
//! levels, so a page estimated deeper than [`MAX_NESTING`] is refused instead.
//!
//! The estimate counts start tags minus end tags, leaving out void elements and elements
//! whose end tag may be omitted (`<p>`, `<li>`, `<td>`, …), which sloppy pages never close.

/// Deeper than this is not a web page but an attack or a generator gone wrong.
pub(super) const MAX_NESTING: usize = 1_000;

/// Elements that never have an end tag, or whose end tag old pages routinely leave out.
const UNCOUNTED: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
    "wbr", "param", "keygen", "p", "li", "dt", "dd", "tr", "td", "th", "thead", "tbody", "tfoot",
    "option", "optgroup", "colgroup", "caption", "rb", "rt", "rp", "html", "head", "body",
];

/// The deepest nesting the page's tags reach by the estimate.
pub(super) fn estimated_depth(text: &str) -> usize {
    let mut depth: usize = 0;
    let mut deepest = 0;
    let mut rest = text;
    while let Some(at) = rest.find('<') {
        rest = &rest[at + 1..];
        let closing = rest.starts_with('/');
        let name: String = rest[usize::from(closing)..]
            .chars()
            .take_while(char::is_ascii_alphanumeric)
            .map(|c| c.to_ascii_lowercase())
            .collect();
        if name.is_empty() || UNCOUNTED.contains(&name.as_str()) {
            continue;
        }
        if closing {
            depth = depth.saturating_sub(1);
        } else if !self_closing(rest) {
            depth += 1;
            deepest = deepest.max(depth);
        }
    }
    deepest
}

/// How far a tag's `>` is looked for: a page of `<` without `>` must stay linear.
const TAG_WINDOW: usize = 1024;

/// Whether the tag starting `rest` ends in `/>` (SVG and XHTML write empty elements so).
fn self_closing(rest: &str) -> bool {
    let bytes = &rest.as_bytes()[..rest.len().min(TAG_WINDOW)];
    match bytes.iter().position(|&b| b == b'>') {
        Some(end) => end > 0 && bytes[end - 1] == b'/',
        None => false,
    }
}
