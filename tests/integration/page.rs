//! The HTML search page in-process through `router()`: results for a query, escaping, the
//! security headers, state held in links and forms, item/meeting pages and friendly errors,
//! over the seeds indexed once into a temp dir.

use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use axum::body::Body;
use axum::http::{header, HeaderMap, Request, StatusCode};
use referat::engine::indexer::{index_paths, NoProgress};
use referat::engine::Engine;
use referat::server::{router, AppState};
use tower::ServiceExt;

use crate::common;

const LAEGEDAEKNING: &str = "l%C3%A6ged%C3%A6kning";
const ITEM: &str = "sundhedsklynge-sydvestjylland/politisk-niveau/2024-11-11/punkt-3";

fn seeded_index() -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir = std::env::temp_dir().join(format!("referat-test-page-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("temp dir");
        index_paths(&dir, &[common::seeds_dir()], &NoProgress).expect("the seeds index");
        dir
    })
}

struct Page {
    status: StatusCode,
    headers: HeaderMap,
    html: String,
}

impl Page {
    fn header(&self, name: header::HeaderName) -> &str {
        self.headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
    }

    fn assert_contains(&self, part: &str) {
        assert!(
            self.html.contains(part),
            "missing {part:?} in:\n{}",
            self.html
        );
    }
}

async fn get(uri: &str) -> Page {
    let engine = Engine::open(seeded_index()).expect("open the index");
    let request = Request::get(uri).body(Body::empty()).expect("request");
    let response = router(AppState::new(Arc::new(engine)))
        .oneshot(request)
        .await
        .expect("infallible");
    let status = response.status();
    let headers = response.headers().clone();
    let body = axum::body::to_bytes(response.into_body(), usize::MAX)
        .await
        .expect("body");
    let html = String::from_utf8(body.to_vec()).expect("UTF-8 page");
    Page {
        status,
        headers,
        html,
    }
}

#[tokio::test]
async fn a_query_shows_hits_with_meeting_section_snippet_total_and_chart() {
    let page = get(&format!("/?q={LAEGEDAEKNING}")).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.header(header::CONTENT_TYPE).starts_with("text/html"));
    page.assert_contains("lang=\"da\"");
    page.assert_contains("Opfølgning på lægedækning");
    // The hit carries the search, for the item page's marks and its way back.
    page.assert_contains(&format!("href=\"/punkt/{ITEM}?q={LAEGEDAEKNING}\""));
    page.assert_contains("Sundhedsklynge Sydvestjylland");
    page.assert_contains("11. november 2024");
    page.assert_contains("<span class=\"from\">Beslutning: </span>");
    page.assert_contains("<mark>");
    page.assert_contains(" punkter fundet for ");
    page.assert_contains("På tværs af årene");
    page.assert_contains(&format!("href=\"/?q={LAEGEDAEKNING}&amp;aar=2025\""));
}

#[tokio::test]
async fn a_script_query_is_escaped_everywhere() {
    let page = get("/?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E%22%3E").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(!page.html.contains("<script>alert"), "{}", page.html);
    page.assert_contains("&lt;script&gt;alert(1)&lt;/script&gt;&quot;&gt;");
    // The only script is the app's own file.
    assert_eq!(page.html.matches("<script").count(), 1);
    page.assert_contains("<script src=\"/static/app.js\" defer>");
}

#[tokio::test]
async fn pages_send_a_strict_content_security_policy() {
    for uri in ["/", &format!("/punkt/{ITEM}"), "/punkt/nope", "/?page=x"] {
        let page = get(uri).await;
        let csp = page.header(header::CONTENT_SECURITY_POLICY);
        assert!(csp.contains("default-src 'self'"), "{uri}: {csp}");
        assert!(!csp.contains("unsafe-inline"), "{uri}: {csp}");
        assert_eq!(
            page.header(header::X_CONTENT_TYPE_OPTIONS),
            "nosniff",
            "{uri}"
        );
        assert_eq!(page.header(header::REFERRER_POLICY), "same-origin", "{uri}");
        assert!(!page.html.contains(" style="), "no inline style on {uri}");
    }
}

#[tokio::test]
async fn chosen_filters_are_ticked_shown_as_chips_and_kept_in_links() {
    let uri = format!("/?q={LAEGEDAEKNING}&kommune=Esbjerg&sort=newest");
    let page = get(&uri).await;
    assert_eq!(page.status, StatusCode::OK);
    page.assert_contains("name=\"kommune\" value=\"Esbjerg\" checked");
    page.assert_contains("form=\"soeg\"");
    page.assert_contains("Kommune: Esbjerg");
    // The chip removes Esbjerg and keeps the rest.
    page.assert_contains(&format!("href=\"/?q={LAEGEDAEKNING}&amp;sort=newest\""));
    // A year bar keeps query, kommune and order.
    page.assert_contains(&format!(
        "href=\"/?q={LAEGEDAEKNING}&amp;kommune=Esbjerg&amp;aar=2024&amp;sort=newest\""
    ));
    page.assert_contains("<option value=\"newest\" selected>");
}

#[tokio::test]
async fn choosing_a_kommune_changes_the_total() {
    let total = |html: &str| -> u64 {
        let start = html.find("<strong>").map_or(0, |i| i + "<strong>".len());
        let end = html[start..].find('<').map_or(start, |i| start + i);
        html[start..end].replace('.', "").parse().unwrap_or(0)
    };
    let all = total(&get(&format!("/?q={LAEGEDAEKNING}")).await.html);
    let esbjerg = total(
        &get(&format!("/?q={LAEGEDAEKNING}&kommune=Esbjerg"))
            .await
            .html,
    );
    assert!(esbjerg > 0 && esbjerg < all, "{esbjerg} of {all}");
}

#[tokio::test]
async fn pages_link_to_each_other_and_keep_the_state() {
    let page = get("/?sort=oldest").await;
    page.assert_contains("aria-label=\"Sider\"");
    page.assert_contains("href=\"/?sort=oldest&amp;page=2\"");
    let second = get("/?sort=oldest&page=2").await;
    second.assert_contains("<span class=\"current\" aria-current=\"page\">2</span>");
    second.assert_contains("rel=\"prev\" href=\"/?sort=oldest\"");
}

#[tokio::test]
async fn the_item_page_shows_its_beslutning_agenda_and_meeting() {
    let page = get(&format!("/punkt/{ITEM}")).await;
    assert_eq!(page.status, StatusCode::OK);
    page.assert_contains("<h1>Punkt 3: Opfølgning på lægedækning</h1>");
    page.assert_contains("<section class=\"section\" id=\"beslutning\"><h2>Beslutning</h2>");
    page.assert_contains("Mødets dagsorden");
    page.assert_contains("aria-current=\"page\"");
    page.assert_contains(
        "href=\"/moede/sundhedsklynge-sydvestjylland/politisk-niveau/2024-11-11\"",
    );
}

#[tokio::test]
async fn the_meeting_page_lists_participants_with_the_absent_marked_and_the_agenda() {
    let page = get("/moede/sundhedsklynge-sydvestjylland/politisk-niveau/2024-11-11").await;
    assert_eq!(page.status, StatusCode::OK);
    page.assert_contains("Deltagere");
    page.assert_contains("Birgitte Ries Møller");
    page.assert_contains("(fraværende)");
    page.assert_contains(&format!("href=\"/punkt/{ITEM}\""));
}

#[tokio::test]
async fn unknown_items_and_meetings_get_a_friendly_html_404() {
    for uri in [
        "/punkt/findes/ikke",
        "/moede/nej",
        &format!("/punkt/{}", "x".repeat(400)),
    ] {
        let page = get(uri).await;
        assert_eq!(page.status, StatusCode::NOT_FOUND, "{uri}");
        assert!(
            page.header(header::CONTENT_TYPE).starts_with("text/html"),
            "{uri}"
        );
        page.assert_contains("Siden findes ikke");
    }
}

#[tokio::test]
async fn bad_parameters_show_the_page_with_a_danish_message_not_an_error() {
    for raw in [
        "from=2024-13-01",
        "page=0",
        "page=99999",
        "sort=x",
        "aar=tyve",
        "q=%ff",
    ] {
        let page = get(&format!("/?{raw}")).await;
        assert_eq!(page.status, StatusCode::BAD_REQUEST, "{raw}");
        page.assert_contains("Søgningen kunne ikke gennemføres");
        page.assert_contains("id=\"soeg\"");
    }
    let past_the_end = get("/?q=hjem&page=50").await;
    assert_eq!(past_the_end.status, StatusCode::OK);
    past_the_end.assert_contains("findes ikke");
}

#[tokio::test]
async fn static_files_are_served_from_the_binary_with_their_types() {
    for (uri, kind) in [
        ("/static/app.css", "text/css"),
        ("/static/app.js", "text/javascript"),
        ("/static/favicon.svg", "image/svg+xml"),
    ] {
        let page = get(uri).await;
        assert_eq!(page.status, StatusCode::OK, "{uri}");
        assert!(page.header(header::CONTENT_TYPE).starts_with(kind), "{uri}");
        assert!(!page.html.is_empty(), "{uri}");
    }
}
