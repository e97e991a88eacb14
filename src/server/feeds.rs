//! Search results as CSV (for spreadsheets) and as an Atom feed (for feed readers). Both are
//! written by hand: the formats are small, and escaping is the part that matters, tested here.

use axum::http::{header, HeaderMap, HeaderValue, Uri};
use axum::response::{IntoResponse, Response};

use super::AppState;
use crate::engine::{Hit, SearchResults};

/// Excel reads UTF-8 only when the file starts with a byte order mark.
const BOM: &str = "\u{feff}";
const CSV_HEADER: [&str; 11] = [
    "id",
    "dato",
    "forum",
    "klynge",
    "niveau",
    "punkt",
    "titel",
    "kommuner",
    "fokusomraader",
    "beslutningstyper",
    "url",
];

/// The HTML page of item `id` under `base` (a person opens it from a feed reader or a
/// spreadsheet; the JSON is a click away from there).
pub fn page_url(base: &str, id: &str) -> String {
    format!("{base}/punkt/{id}")
}

/// Where links in feeds and CSV point: `--public-url` when the server was given one (behind
/// a proxy the `Host` header names the wrong host), else the request's own host.
pub fn public_base(state: &AppState, headers: &HeaderMap) -> String {
    match &state.public_url {
        Some(url) => url.to_string(),
        None => base_url(headers),
    }
}

/// The hits as CSV: UTF-8 with BOM, CRLF line ends, RFC 4180 quoting; `url` is the item's
/// page under `base`.
pub fn csv_response(base: &str, results: SearchResults) -> Response {
    let mut body = String::from(BOM);
    push_row(&mut body, CSV_HEADER.iter().map(|s| s.to_string()));
    for hit in &results.hits {
        push_row(&mut body, csv_cells(base, hit).into_iter());
    }
    let headers = [
        (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
        (
            header::CONTENT_DISPOSITION,
            "attachment; filename=\"referat-search.csv\"",
        ),
    ];
    (headers, body).into_response()
}

fn csv_cells(base: &str, hit: &Hit) -> Vec<String> {
    vec![
        hit.id.clone(),
        hit.dato.format("%Y-%m-%d").to_string(),
        hit.forum.clone(),
        hit.klynge.clone(),
        hit.niveau.clone(),
        hit.number.to_string(),
        hit.title.clone(),
        hit.kommuner.join("; "),
        hit.fokusomraader.join("; "),
        hit.beslutningstyper.join("; "),
        page_url(base, &hit.id),
    ]
}

fn push_row(body: &mut String, cells: impl Iterator<Item = String>) {
    let cells: Vec<String> = cells.map(|cell| csv_cell(&cell)).collect();
    body.push_str(&cells.join(","));
    body.push_str("\r\n");
}

/// Quote a cell when it holds a separator, quote or line break (doubling quotes), and defuse
/// text a spreadsheet would run as a formula (`=`, `+`, `-`, `@` first) with a leading `'`.
pub fn csv_cell(text: &str) -> String {
    let defused = if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_owned()
    };
    if defused.contains([',', '"', '\n', '\r', ';']) {
        format!("\"{}\"", defused.replace('"', "\"\""))
    } else {
        defused
    }
}

/// `http://host` of the request, for absolute links in the feed (Atom wants IRIs).
pub fn base_url(headers: &HeaderMap) -> String {
    let host = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .filter(|h| {
            h.chars()
                .all(|c| c.is_ascii_alphanumeric() || ".-:[]".contains(c))
        })
        .unwrap_or("localhost");
    format!("http://{host}")
}

/// The hits as an Atom 1.0 feed, newest first.
pub fn atom_response(base: &str, uri: &Uri, query: &str, results: SearchResults) -> Response {
    let self_link = format!("{base}{uri}");
    let updated = results
        .hits
        .iter()
        .map(|hit| hit.dato)
        .max()
        .map_or_else(|| "1970-01-01T00:00:00Z".to_owned(), atom_date);
    let title = if query.trim().is_empty() {
        "referat: alle punkter".to_owned()
    } else {
        format!("referat: {query}")
    };
    let mut xml = String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    xml.push_str("<feed xmlns=\"http://www.w3.org/2005/Atom\">\n");
    xml.push_str(&format!("  <id>{}</id>\n", escape_xml(&self_link)));
    xml.push_str(&format!("  <title>{}</title>\n", escape_xml(&title)));
    xml.push_str(&format!("  <updated>{updated}</updated>\n"));
    xml.push_str("  <author><name>referat</name></author>\n");
    xml.push_str(&format!(
        "  <link rel=\"self\" href=\"{}\"/>\n",
        escape_xml(&self_link)
    ));
    for hit in &results.hits {
        xml.push_str(&atom_entry(base, hit));
    }
    xml.push_str("</feed>\n");
    let content_type = [(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/atom+xml; charset=utf-8"),
    )];
    (content_type, xml).into_response()
}

fn atom_entry(base: &str, hit: &Hit) -> String {
    let link = page_url(base, &hit.id);
    let summary: Vec<String> = hit
        .snippets
        .iter()
        .map(|s| format!("{}: {}", s.label, strip_marks(&s.html)))
        .collect();
    let title = format!(
        "{} {}: Punkt {}. {}",
        hit.forum,
        hit.dato.format("%d-%m-%Y"),
        hit.number,
        hit.title
    );
    format!(
        "  <entry>\n    <id>{id}</id>\n    <title>{title}</title>\n    <updated>{updated}</updated>\n    <link href=\"{id}\"/>\n    <summary>{summary}</summary>\n  </entry>\n",
        id = escape_xml(&link),
        title = escape_xml(&title),
        updated = atom_date(hit.dato),
        summary = escape_xml(&summary.join(" … ")),
    )
}

fn atom_date(date: chrono::NaiveDate) -> String {
    format!("{}T00:00:00Z", date.format("%Y-%m-%d"))
}

/// Snippets are HTML-escaped with `<mark>`; a feed summary is plain text: drop the marks and
/// unescape, so the XML escaping below is the only one.
fn strip_marks(html: &str) -> String {
    html.replace("<mark>", "")
        .replace("</mark>", "")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&#x27;", "'")
        .replace("&amp;", "&")
}

/// Escape text for XML content and attributes; drop characters XML 1.0 forbids.
pub fn escape_xml(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(ch),
            c if (c as u32) < 0x20 || c == '\u{fffe}' || c == '\u{ffff}' => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_cells_with_separators_and_quotes_are_quoted() {
        assert_eq!(csv_cell("plain"), "plain");
        assert_eq!(csv_cell("a,b"), "\"a,b\"");
        assert_eq!(csv_cell("sagt \"ja\""), "\"sagt \"\"ja\"\"\"");
        assert_eq!(csv_cell("linje\nto"), "\"linje\nto\"");
    }

    #[test]
    fn csv_cells_that_look_like_formulas_are_defused() {
        assert_eq!(csv_cell("=SUM(A1)"), "'=SUM(A1)");
        assert_eq!(csv_cell("-5"), "'-5");
    }

    #[test]
    fn xml_escaping_covers_markup_and_drops_control_characters() {
        assert_eq!(escape_xml("a<b>&\"'\u{1}"), "a&lt;b&gt;&amp;&quot;&apos;");
        assert_eq!(escape_xml("Fanø"), "Fanø");
    }

    #[test]
    fn feed_summaries_are_plain_text() {
        assert_eq!(
            strip_marks("<mark>læge</mark> &amp; sygehus &lt;3"),
            "læge & sygehus <3"
        );
    }

    #[test]
    fn base_url_ignores_hosts_with_odd_characters() {
        let mut headers = HeaderMap::new();
        headers.insert(header::HOST, HeaderValue::from_static("evil\"host"));
        assert_eq!(base_url(&headers), "http://localhost");
        headers.insert(header::HOST, HeaderValue::from_static("127.0.0.1:8080"));
        assert_eq!(base_url(&headers), "http://127.0.0.1:8080");
    }
}
