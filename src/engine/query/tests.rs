//! Tests of the query language: what people type and paste, and the round-trip property.

use proptest::prelude::*;

use super::*;

fn normalized(input: &str) -> String {
    parse(input).query.to_string()
}

fn word(text: &str) -> Unit {
    Unit::Term(Term {
        field: None,
        kind: TermKind::Word(text.into()),
    })
}

#[test]
fn plain_words_are_all_required() {
    let parsed = parse("lægedækning Esbjerg");
    assert_eq!(
        parsed.query.clauses,
        vec![
            Clause::Include(vec![word("lægedækning")]),
            Clause::Include(vec![word("Esbjerg")])
        ]
    );
    assert!(parsed.notes.is_empty());
}

#[test]
fn operators_phrases_fields_and_prefixes_read_back_the_same() {
    let input =
        r#"lægedækning -pause titel:"kom trygt hjem" beslutning:godkendt sundhed* a OR b -"x y""#;
    assert_eq!(normalized(input), input);
}

#[test]
fn or_joins_alternatives_and_groups() {
    let parsed = parse("(akut OR hjem) ophold");
    assert_eq!(parsed.query.to_string(), "(akut OR hjem) ophold");
    let Some(Clause::Include(units)) = parsed.query.clauses.first() else {
        panic!("expected an include clause");
    };
    assert!(matches!(units.as_slice(), [Unit::Group(_)]));
    assert_eq!(normalized("akut OR hjem"), "akut OR hjem");
}

#[test]
fn dash_between_spaces_is_not_an_exclusion() {
    let parsed = parse("Temadrøftelse - Lægedækning");
    assert_eq!(parsed.query.to_string(), "Temadrøftelse Lægedækning");
    assert!(parsed.notes.iter().any(|n| n.contains("dash")));
}

#[test]
fn pasted_item_heading_is_read_as_words() {
    let parsed = parse("Punkt 2: Temadrøftelse");
    assert_eq!(parsed.query.to_string(), "Temadrøftelse");
    assert!(parsed
        .notes
        .iter()
        .any(|n| n.contains("`Punkt 2:` is an item heading")));
    assert_eq!(normalized("punkt 2 og punkt"), "punkt 2 og punkt");
    let number = parse("Bilag 2: oversigt");
    assert_eq!(number.query.to_string(), "Bilag 2 oversigt");
    assert!(number
        .notes
        .iter()
        .any(|n| n.contains("`2:` read as a word")));
    assert_eq!(normalized("PLO:"), "PLO");
}

#[test]
fn unknown_field_is_read_as_words() {
    let parsed = parse("foo:bar");
    assert_eq!(parsed.query.to_string(), "foo bar");
    assert!(parsed
        .notes
        .iter()
        .any(|n| n.contains("unknown field `foo`")));
}

#[test]
fn field_names_are_case_insensitive_and_accept_danish_letters() {
    assert_eq!(normalized("Beslutning:godkendt"), "beslutning:godkendt");
    assert_eq!(normalized("resumé:midler"), "resume:midler");
}

#[test]
fn address_after_an_unknown_field_and_dash_gives_its_words() {
    assert_eq!(normalized("ab:-https://x.dk/a"), "ab x dk a");
}

#[test]
fn url_gives_its_words() {
    let parsed = parse("https://www.rsyd.dk/sundhed/laegedaekning");
    assert_eq!(parsed.query.to_string(), "rsyd dk sundhed laegedaekning");
    assert!(parsed.notes.iter().any(|n| n.contains("address")));
}

#[test]
fn unclosed_quote_runs_to_the_end() {
    let parsed = parse(r#"lægedækning "kom trygt"#);
    assert_eq!(parsed.query.to_string(), r#"lægedækning "kom trygt""#);
    assert!(parsed.notes.iter().any(|n| n.contains("unclosed")));
}

#[test]
fn lone_operators_and_stars_are_dropped() {
    assert_eq!(normalized("OR lægedækning OR"), "lægedækning");
    assert_eq!(normalized("- * lægedækning -"), "lægedækning");
    assert_eq!(normalized(""), "");
    assert!(parse("*").query.is_empty());
}

#[test]
fn short_prefix_is_searched_as_a_word() {
    let parsed = parse("ab*");
    assert_eq!(parsed.query.to_string(), "ab");
    assert!(parsed.notes.iter().any(|n| n.contains("prefixes need 3")));
}

#[test]
fn thousands_of_terms_are_capped_with_a_note() {
    let input = "ord ".repeat(5000);
    let parsed = parse(&input);
    assert_eq!(parsed.query.terms().len(), MAX_TERMS);
    assert!(parsed.notes.iter().any(|n| n.contains("first 64 terms")));
}

#[test]
fn deep_nesting_is_flattened_not_overflowed() {
    let input = format!("{}a b{}", "(".repeat(10_000), ")".repeat(10_000));
    let parsed = parse(&input);
    assert_eq!(parsed.query.terms().len(), 2);
}

#[test]
fn excluded_terms_are_marked() {
    let parsed = parse("a -b -(c d)");
    let excluded: Vec<bool> = parsed.query.terms().iter().map(|(_, ex)| *ex).collect();
    assert_eq!(excluded, vec![false, true, true, true]);
}

proptest! {
    #[test]
    fn parsing_never_panics_and_normalized_form_reparses_identically(input in ".{0,80}") {
        let first = parse(&input).query;
        let again = parse(&first.to_string()).query;
        prop_assert_eq!(first, again);
    }

    #[test]
    fn query_syntax_soup_round_trips(
        parts in proptest::collection::vec(
            prop_oneof![
                Just("-"), Just("OR"), Just("("), Just(")"), Just("\""), Just("*"), Just(":"),
                Just("titel:"), Just("beslutning:"), Just("ab"), Just("læge"), Just("2:"),
                Just("https://x.dk/a"), Just(" "), Just("AND"), Just("–"),
            ],
            0..24,
        )
    ) {
        let input: String = parts.concat();
        let first = parse(&input).query;
        let again = parse(&first.to_string()).query;
        prop_assert_eq!(first, again);
    }
}
