//! People as data through `router()` over the seeds: `/api/v1/people`, `/api/v1/people/{id}`,
//! the `person` facet and filter, and the person page. The expectations are read from the
//! seeds' "Mødedeltagere" lines: Bo Libergren attended the Sydvestjylland meetings of
//! 2024-03-01 (7 items) and 2024-11-11 (9 items); Birgitte Ries Møller was absent from both;
//! Mads Sørensen attended November and sent "Afbud" in March.

use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use axum::body::Body;
use axum::http::{Request, StatusCode};
use referat::engine::indexer::{index_paths, NoProgress};
use referat::engine::Engine;
use referat::server::{router, AppState};
use serde_json::Value;
use tower::ServiceExt;

use crate::common;

const MARCH: &str = "sundhedsklynge-sydvestjylland/politisk-niveau/2024-03-01";
const NOVEMBER: &str = "sundhedsklynge-sydvestjylland/politisk-niveau/2024-11-11";

fn seeded_index() -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir = std::env::temp_dir().join(format!("referat-test-people-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("temp dir");
        index_paths(&dir, &[common::seeds_dir()], &NoProgress).expect("the seeds index");
        dir
    })
}

/// Status and body of `GET uri`.
async fn get(uri: &str) -> (StatusCode, String) {
    let engine = Engine::open(seeded_index()).expect("open the index");
    let request = Request::get(uri).body(Body::empty()).expect("request");
    let response = router(AppState::new(Arc::new(engine)))
        .oneshot(request)
        .await
        .expect("infallible");
    let status = response.status();
    let body = axum::body::to_bytes(response.into_body(), usize::MAX)
        .await
        .expect("body");
    (status, String::from_utf8(body.to_vec()).expect("UTF-8"))
}

async fn get_json(uri: &str) -> Value {
    let (status, body) = get(uri).await;
    assert_eq!(status, StatusCode::OK, "{uri}: {body}");
    serde_json::from_str(&body).expect("JSON")
}

fn meeting_ids(list: &Value) -> Vec<&str> {
    list.as_array()
        .into_iter()
        .flatten()
        .filter_map(|m| m["id"].as_str())
        .collect()
}

fn person_count(facets: &Value, name: &str) -> Option<u64> {
    facets["facets"]
        .as_array()?
        .iter()
        .find(|f| f["facet"] == "person")?["values"]
        .as_array()?
        .iter()
        .find(|v| v["value"] == name)?["count"]
        .as_u64()
}

#[tokio::test]
async fn the_people_list_counts_meetings_attended_and_missed() {
    let json = get_json("/api/v1/people").await;
    let people = json["people"].as_array().expect("people");
    let find = |id: &str| people.iter().find(|p| p["id"] == id).cloned();
    let bo = find("bo-libergren").expect("Bo Libergren is listed");
    assert_eq!(bo["name"], "Bo Libergren");
    assert_eq!(bo["affiliations"], serde_json::json!(["V"]));
    assert_eq!(
        (bo["attended"].as_u64(), bo["missed"].as_u64()),
        (Some(2), Some(0))
    );
    let mads = find("mads-soerensen").expect("Mads Sørensen is listed");
    assert_eq!(
        (mads["attended"].as_u64(), mads["missed"].as_u64()),
        (Some(1), Some(1))
    );
    // The two spellings of one name stay two people (the parser warns; nothing merges).
    assert!(find("stephanie-storbak").is_some() && find("stephanie-storbank").is_some());
    assert_eq!(json["total"].as_u64(), Some(people.len() as u64));
}

#[tokio::test]
async fn a_person_comes_with_the_meetings_attended_and_missed() {
    let bo = get_json("/api/v1/people/bo-libergren").await;
    assert_eq!(meeting_ids(&bo["attended"]), [NOVEMBER, MARCH]);
    assert!(meeting_ids(&bo["missed"]).is_empty());
    let birgitte = get_json("/api/v1/people/birgitte-ries-moeller").await;
    assert_eq!(birgitte["name"], "Birgitte Ries Møller");
    assert!(meeting_ids(&birgitte["attended"]).is_empty());
    assert_eq!(meeting_ids(&birgitte["missed"]), [NOVEMBER, MARCH]);
    let mads = get_json("/api/v1/people/mads-soerensen").await;
    assert_eq!(meeting_ids(&mads["attended"]), [NOVEMBER]);
    assert_eq!(meeting_ids(&mads["missed"]), [MARCH]);
}

#[tokio::test]
async fn an_unknown_person_is_a_404_json_naming_the_id() {
    for uri in ["/api/v1/people/nobody-here", "/api/v1/people/..%2F..%2Fetc"] {
        let (status, body) = get(uri).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{uri}");
        let json: Value = serde_json::from_str(&body).expect("JSON error");
        assert_eq!(json["error"]["param"], "id", "{body}");
    }
    let (status, _) = get("/person/nobody-here").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn the_person_facet_counts_items_of_meetings_attended_and_the_filter_narrows() {
    let facets = get_json("/api/v1/facets").await;
    assert_eq!(person_count(&facets, "Bo Libergren"), Some(16));
    assert_eq!(person_count(&facets, "Mads Sørensen"), Some(9));
    // Absent from every meeting: never counted as present.
    assert_eq!(person_count(&facets, "Birgitte Ries Møller"), None);
    let found = get_json("/api/v1/search?person=Mads%20S%C3%B8rensen&per_page=50").await;
    assert_eq!(found["total"], 9);
    let ids: Vec<&str> = meeting_ids(&found["hits"]);
    assert!(ids.iter().all(|id| id.starts_with(NOVEMBER)), "{ids:?}");
    let meetings = get_json("/api/v1/meetings?person=bo%20libergren").await;
    assert_eq!(meeting_ids(&meetings["meetings"]), [NOVEMBER, MARCH]);
}

#[tokio::test]
async fn the_person_page_lists_meetings_by_forum_and_year_and_the_meeting_page_links_to_it() {
    let (status, html) = get("/person/mads-soerensen").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("<h1>Mads Sørensen</h1>"), "{html}");
    assert!(
        html.contains("Deltog i 1 møde, fraværende fra 1 møde."),
        "{html}"
    );
    assert!(
        html.contains("Sundhedsklynge Sydvestjylland, 2024"),
        "{html}"
    );
    assert!(
        html.contains(&format!("href=\"/moede/{NOVEMBER}\"")),
        "{html}"
    );
    assert!(html.contains(&format!("href=\"/moede/{MARCH}\"")), "{html}");
    assert!(
        html.contains("href=\"/?person=Mads%20S%C3%B8rensen\""),
        "{html}"
    );
    let (_, meeting) = get(&format!("/moede/{MARCH}")).await;
    assert!(
        meeting.contains("href=\"/person/mads-soerensen\""),
        "{meeting}"
    );
    let (_, search) = get("/?person=Mads%20S%C3%B8rensen").await;
    assert!(search.contains("Deltager"), "the sidebar names the facet");
}
