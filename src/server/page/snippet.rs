//! The engine's snippets are HTML-escaped text with `<mark>` around matches. The page trusts
//! that only after checking it: a snippet with any other tag, or with a stray `<` or `>`, is
//! shown as plain text instead, so no markup from a referat can ever reach the browser.

use maud::{html, Markup, PreEscaped};

/// The snippet as markup: as given when it holds only text, entities and `<mark>` pairs,
/// otherwise escaped in full.
pub fn snippet_markup(html: &str) -> Markup {
    if only_marks(html) {
        PreEscaped(html.to_owned())
    } else {
        html! { (html) }
    }
}

/// Whether `html` has no tag but balanced, unnested `<mark>`/`</mark>` and no bare `>`.
fn only_marks(html: &str) -> bool {
    let mut rest = html;
    let mut open = false;
    while let Some(at) = rest.find(['<', '>']) {
        let tail = &rest[at..];
        if let Some(after) = tail.strip_prefix("<mark>").filter(|_| !open) {
            open = true;
            rest = after;
        } else if let Some(after) = tail.strip_prefix("</mark>").filter(|_| open) {
            open = false;
            rest = after;
        } else {
            return false;
        }
    }
    !open
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marked_text_is_kept_as_html() {
        let html = "om <mark>lægedækning</mark> &amp; &lt;b&gt; i <mark>Esbjerg</mark>";
        assert_eq!(snippet_markup(html).into_string(), html);
    }

    #[test]
    fn any_other_tag_is_shown_as_text() {
        for html in [
            "<script>alert(1)</script>",
            "<mark onclick=x>a</mark>",
            "<mark>a<mark>b</mark></mark>",
            "<mark>open",
            "a > b",
            "</mark>",
            "<img src=x onerror=alert(1)>",
        ] {
            let shown = snippet_markup(html).into_string();
            assert!(!shown.contains('<'), "{html} → {shown}");
        }
    }
}
