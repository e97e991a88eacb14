//! Reads `tests/relevance/judgments.txt` (format in `tests/relevance/README.md`) into
//! queries with graded item ids. Strict on purpose: a malformed line would otherwise drop a
//! judgment silently and make the engine look better or worse than it is.

use std::collections::HashSet;

/// One query of the test set and the items a person judged relevant to it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JudgedQuery {
    /// The query exactly as a person types it.
    pub query: String,
    /// What the person wants (the `> ` line).
    pub note: String,
    /// (item id, grade 1..=3), in file order.
    pub grades: Vec<(String, u8)>,
}

impl JudgedQuery {
    /// The grade of `id`, 0 when it was not judged relevant.
    pub fn grade_of(&self, id: &str) -> u8 {
        self.grades
            .iter()
            .find(|(judged, _)| judged == id)
            .map_or(0, |(_, grade)| *grade)
    }
}

/// Parse the whole file. The error names the line (1-based) and what is wrong with it.
pub fn parse(text: &str) -> Result<Vec<JudgedQuery>, String> {
    let mut queries: Vec<JudgedQuery> = Vec::new();
    for (index, line) in text.lines().enumerate() {
        let number = index + 1;
        read_line(&mut queries, line).map_err(|why| format!("line {number}: {why}"))?;
    }
    for query in &queries {
        check_block(query)?;
    }
    Ok(queries)
}

fn read_line(queries: &mut Vec<JudgedQuery>, line: &str) -> Result<(), String> {
    if let Some(query) = line.strip_prefix("## ") {
        if query.trim().is_empty() {
            return Err("empty query".into());
        }
        queries.push(JudgedQuery {
            query: query.to_owned(),
            note: String::new(),
            grades: Vec::new(),
        });
        return Ok(());
    }
    if line.trim().is_empty() || line.starts_with("# ") || line == "#" {
        return Ok(());
    }
    let current = queries
        .last_mut()
        .ok_or_else(|| format!("`{line}` before the first `## query` line"))?;
    if let Some(note) = line.strip_prefix("> ") {
        if !current.note.is_empty() {
            return Err(format!("a second note for `{}`", current.query));
        }
        current.note = note.trim().to_owned();
        return Ok(());
    }
    let (id, grade) = read_judgment(line)?;
    if current.grades.iter().any(|(seen, _)| *seen == id) {
        return Err(format!("`{id}` judged twice for `{}`", current.query));
    }
    current.grades.push((id, grade));
    Ok(())
}

/// `<grade>\t<id>\t# why` → (id, grade).
fn read_judgment(line: &str) -> Result<(String, u8), String> {
    let mut columns = line.split('\t');
    let grade = columns.next().unwrap_or_default();
    let id = columns.next().unwrap_or_default().trim();
    let why = columns.next().unwrap_or_default();
    let grade: u8 = match grade {
        "1" => 1,
        "2" => 2,
        "3" => 3,
        other => return Err(format!("grade `{other}` is not 1, 2 or 3 in `{line}`")),
    };
    if id.split('/').count() != 4 || !id.contains("/punkt-") {
        return Err(format!(
            "`{id}` is not an item id like `forum/niveau/date/punkt-N`"
        ));
    }
    if !why.starts_with('#') {
        return Err(format!("no `# why` column in `{line}`"));
    }
    Ok((id.to_owned(), grade))
}

fn check_block(query: &JudgedQuery) -> Result<(), String> {
    if query.note.is_empty() {
        return Err(format!(
            "`{}` has no `> what the person wants` line",
            query.query
        ));
    }
    if query.grades.is_empty() {
        return Err(format!("`{}` judges no item relevant", query.query));
    }
    Ok(())
}

/// The ids judged anywhere in the file that are not in `known`, sorted.
pub fn unknown_ids(queries: &[JudgedQuery], known: &HashSet<String>) -> Vec<String> {
    let mut unknown: Vec<String> = queries
        .iter()
        .flat_map(|query| query.grades.iter().map(|(id, _)| id))
        .filter(|id| !known.contains(*id))
        .cloned()
        .collect();
    unknown.sort();
    unknown.dedup();
    unknown
}

#[test]
fn a_block_reads_into_query_note_and_grades() {
    let text = "# comment\n\n## lægedækning\n> GP coverage\n3\ta/b/2024-11-11/punkt-3\t# title\n1\ta/b/2024-11-11/punkt-6\t# passing\n";
    let queries = parse(text).expect("well-formed");
    assert_eq!(queries.len(), 1);
    assert_eq!(queries[0].query, "lægedækning");
    assert_eq!(queries[0].note, "GP coverage");
    assert_eq!(queries[0].grade_of("a/b/2024-11-11/punkt-3"), 3);
    assert_eq!(queries[0].grade_of("a/b/2024-11-11/punkt-6"), 1);
    assert_eq!(queries[0].grade_of("a/b/2024-11-11/punkt-1"), 0);
}

#[test]
fn a_query_keeps_quotes_and_field_prefixes() {
    let text = "## \"Kom Trygt Hjem\" beslutning:godkendt\n> x\n3\ta/b/c/punkt-1\t# y\n";
    let queries = parse(text).expect("well-formed");
    assert_eq!(queries[0].query, "\"Kom Trygt Hjem\" beslutning:godkendt");
}

#[test]
fn malformed_judgments_are_refused_with_their_line() {
    let bad_grade = "## q\n> n\n4\ta/b/c/punkt-1\t# y\n";
    assert!(parse(bad_grade).unwrap_err().starts_with("line 3:"));
    let bad_id = "## q\n> n\n3\ta/b/punkt-1\t# y\n";
    assert!(parse(bad_id).unwrap_err().contains("not an item id"));
    let no_why = "## q\n> n\n3\ta/b/c/punkt-1\n";
    assert!(parse(no_why).unwrap_err().contains("no `# why`"));
    let twice = "## q\n> n\n3\ta/b/c/punkt-1\t# y\n2\ta/b/c/punkt-1\t# z\n";
    assert!(parse(twice).unwrap_err().contains("judged twice"));
}

#[test]
fn blocks_without_note_or_judgments_are_refused() {
    assert!(parse("## q\n3\ta/b/c/punkt-1\t# y\n")
        .unwrap_err()
        .contains("no `> what"));
    assert!(parse("## q\n> n\n").unwrap_err().contains("judges no item"));
    assert!(parse("3\ta/b/c/punkt-1\t# y\n")
        .unwrap_err()
        .contains("before the first"));
}

#[test]
fn unknown_ids_lists_each_missing_id_once() {
    let queries = parse("## q\n> n\n3\ta/b/c/punkt-1\t# y\n1\ta/b/c/punkt-99\t# z\n## r\n> n\n2\ta/b/c/punkt-99\t# z\n")
        .expect("well-formed");
    let known: HashSet<String> = ["a/b/c/punkt-1".to_owned()].into();
    assert_eq!(
        unknown_ids(&queries, &known),
        vec!["a/b/c/punkt-99".to_owned()]
    );
}
