//! One example request and a shortened real answer per endpoint, shown on `/api/docs`
//! (taken from a server over the seeds; arrays cut to one or two entries). A test keeps
//! every documented path covered and every JSON example valid JSON.

/// `(path as documented, example request, media type, shortened answer)`.
pub const EXAMPLES: [(&str, &str, &str, &str); 13] = [
    (
        "/api/v1/search",
        "/api/v1/search?q=reform&kommune=Esbjerg&per_page=1",
        "application/json",
        r#"{"query":{"q":"reform","normalized":"reform","notes":[],"expansions":[]},
 "total":7,"page":{"page":1,"per_page":1,"total_pages":7,"has_next":true},
 "hits":[{"id":"sundhedsklynge-sydvestjylland/fagligt-strategisk-niveau/2025-09-12/punkt-2",
   "url":"/api/v1/items/sundhedsklynge-sydvestjylland/fagligt-strategisk-niveau/2025-09-12/punkt-2",
   "forum":"Sundhedsklynge Sydvestjylland","dato":"2025-09-12","number":2,
   "title":"Status på sundhedsreformen","score":6.19,
   "snippets":[{"section":"beslutning","label":"Beslutning","html":"… en status på <mark>reformen</mark> …"}]}],
 "facets":[{"facet":"kommune","values":[{"value":"Esbjerg","count":8}]}]}"#,
    ),
    (
        "/api/v1/search.csv",
        "/api/v1/search.csv?q=reform",
        "text/csv",
        "id,dato,forum,klynge,niveau,punkt,titel,kommuner,fokusomraader,beslutningstyper,url\r\n\
         sundhedsklynge-sydvestjylland/fagligt-strategisk-niveau/2025-09-12/punkt-2,2025-09-12,\
         Sundhedsklynge Sydvestjylland,Sydvestjylland,Fagligt strategisk niveau,2,\
         Status på sundhedsreformen,\"Billund; Fanø; Esbjerg\",\"Akutområdet; Sundhedsreform\",,\
         https://referater.example.dk/punkt/sundhedsklynge-sydvestjylland/fagligt-strategisk-niveau/2025-09-12/punkt-2",
    ),
    (
        "/api/v1/search.atom",
        "/api/v1/search.atom?q=reform",
        "application/atom+xml",
        r#"<feed xmlns="http://www.w3.org/2005/Atom">
  <title>referat: reform</title>
  <entry>
    <title>Sundhedsklynge Sydvestjylland 12-09-2025: Punkt 2. Status på sundhedsreformen</title>
    <link href="https://referater.example.dk/punkt/sundhedsklynge-sydvestjylland/fagligt-strategisk-niveau/2025-09-12/punkt-2"/>
  </entry>
</feed>"#,
    ),
    (
        "/api/v1/items/{id}",
        "/api/v1/items/sundhedsklynge-sydvestjylland/politisk-niveau/2024-11-11/punkt-3",
        "application/json",
        r#"{"id":"sundhedsklynge-sydvestjylland/politisk-niveau/2024-11-11/punkt-3",
 "meeting":{"id":"sundhedsklynge-sydvestjylland/politisk-niveau/2024-11-11",
   "forum":"Sundhedsklynge Sydvestjylland","dato":"2024-11-11","item_count":9},
 "item":{"number":3,"title":"Opfølgning på lægedækning","case_number":"22/43402",
   "sections":[{"kind":"beslutning","text":"…"}]},
 "cites":[],"cited_by":[]}"#,
    ),
    (
        "/api/v1/meetings",
        "/api/v1/meetings?klynge=Sydvestjylland",
        "application/json",
        r#"{"total":3,"meetings":[{"id":"sundhedsklynge-sydvestjylland/politisk-niveau/2024-11-11",
 "url":"/api/v1/meetings/sundhedsklynge-sydvestjylland/politisk-niveau/2024-11-11",
 "forum":"Sundhedsklynge Sydvestjylland","dato":"2024-11-11","item_count":9}]}"#,
    ),
    (
        "/api/v1/meetings/{id}",
        "/api/v1/meetings/sundhedsklynge-sydvestjylland/politisk-niveau/2024-11-11",
        "application/json",
        r#"{"id":"sundhedsklynge-sydvestjylland/politisk-niveau/2024-11-11",
 "forum":"Sundhedsklynge Sydvestjylland","dato":"2024-11-11",
 "participants":[{"name":"Birgitte Ries Møller","affiliation":"PLO","absent":true}],
 "items":[{"number":3,"title":"Opfølgning på lægedækning"}]}"#,
    ),
    (
        "/api/v1/people",
        "/api/v1/people",
        "application/json",
        r#"{"total":1,"people":[{"id":"bo-libergren","url":"/api/v1/people/bo-libergren",
 "name":"Bo Libergren","affiliations":["V"],"attended":1,"missed":0}]}"#,
    ),
    (
        "/api/v1/people/{id}",
        "/api/v1/people/birgitte-ries-moeller",
        "application/json",
        r#"{"id":"birgitte-ries-moeller","name":"Birgitte Ries Møller","affiliations":["PLO"],
 "attended":[],"missed":[{"id":"sundhedsklynge-sydvestjylland/politisk-niveau/2024-11-11",
 "forum":"Sundhedsklynge Sydvestjylland","dato":"2024-11-11","item_count":9}]}"#,
    ),
    (
        "/api/v1/facets",
        "/api/v1/facets",
        "application/json",
        r#"{"total_items":41,"facets":[{"facet":"klynge","values":[{"value":"Sydvestjylland","count":34}]}]}"#,
    ),
    (
        "/api/v1/suggest",
        "/api/v1/suggest?q=l%C3%A6g",
        "application/json",
        r#"{"q":"læg","suggestions":[{"text":"lægedækning","kind":"term","item_id":null},
 {"text":"Opfølgning på lægedækning","kind":"title",
  "item_id":"sundhedsklynge-sydvestjylland/politisk-niveau/2024-11-11/punkt-3"}]}"#,
    ),
    (
        "/api/v1/trends",
        "/api/v1/trends?q=reform&interval=year",
        "application/json",
        r#"{"q":"reform","interval":"year","split":"all","series":[{"name":"all","total":7,
 "points":[{"period":"2024","count":3},{"period":"2025","count":4}]}]}"#,
    ),
    (
        "/health",
        "/health",
        "application/json",
        r#"{"status":"ok","cache":{"hits":0,"misses":6,"entries":6,"bytes":18847,"capacity_bytes":67108864}}"#,
    ),
    (
        "/ready",
        "/ready",
        "application/json",
        r#"{"status":"ready","items":41}"#,
    ),
];

/// The example for the documented `path`, if any.
pub fn example(path: &str) -> Option<(&'static str, &'static str, &'static str)> {
    EXAMPLES
        .iter()
        .find(|(p, ..)| *p == path)
        .map(|(_, request, kind, answer)| (*request, *kind, *answer))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_documented_path_has_an_example_and_json_examples_parse() {
        for path in super::super::openapi::document().paths.paths.keys() {
            assert!(example(path).is_some(), "no example for {path}");
        }
        for (path, _, kind, answer) in EXAMPLES {
            if kind == "application/json" {
                let parsed: Result<serde_json::Value, _> = serde_json::from_str(answer);
                assert!(parsed.is_ok(), "{path}: {parsed:?}");
            }
        }
    }
}
