//! recall@k and nDCG@k over graded judgments. Pure functions, so the harness's arithmetic is
//! tested on its own, apart from whatever the engine returns.

use super::judgments::JudgedQuery;

/// Share of the items with grade ≥ `min_grade` that appear in the first `k` of `ranked`;
/// `None` when no item has such a grade (the query says nothing about that level).
pub fn recall_at(ranked: &[String], judged: &JudgedQuery, min_grade: u8, k: usize) -> Option<f64> {
    let wanted: Vec<&String> = judged
        .grades
        .iter()
        .filter(|(_, grade)| *grade >= min_grade)
        .map(|(id, _)| id)
        .collect();
    if wanted.is_empty() {
        return None;
    }
    let top = &ranked[..ranked.len().min(k)];
    let found = wanted.iter().filter(|id| top.contains(id)).count();
    Some(found as f64 / wanted.len() as f64)
}

/// nDCG@k with gain 2^grade − 1 and discount log2(rank + 1), rank counted from 1; the ideal
/// DCG orders the judged grades best first. An id returned twice counts once.
pub fn ndcg_at(ranked: &[String], judged: &JudgedQuery, k: usize) -> f64 {
    let mut seen: Vec<&String> = Vec::new();
    let mut gains = Vec::new();
    for id in ranked.iter().take(k) {
        let grade = if seen.contains(&id) {
            0
        } else {
            judged.grade_of(id)
        };
        seen.push(id);
        gains.push(grade);
    }
    let mut ideal: Vec<u8> = judged.grades.iter().map(|(_, grade)| *grade).collect();
    ideal.sort_unstable_by(|a, b| b.cmp(a));
    ideal.truncate(k);
    let best = dcg(&ideal);
    if best == 0.0 {
        return 0.0;
    }
    dcg(&gains) / best
}

fn dcg(grades: &[u8]) -> f64 {
    grades
        .iter()
        .enumerate()
        .map(|(index, grade)| (2f64.powi(i32::from(*grade)) - 1.0) / ((index + 2) as f64).log2())
        // A fold from +0.0, because `sum` starts at -0.0 and the table would print "-0.00".
        .fold(0.0, |total, gain| total + gain)
}

/// Mean of the values that exist; `None` when none does.
pub fn mean(values: impl IntoIterator<Item = Option<f64>>) -> Option<f64> {
    let present: Vec<f64> = values.into_iter().flatten().collect();
    if present.is_empty() {
        return None;
    }
    Some(present.iter().sum::<f64>() / present.len() as f64)
}

#[cfg(test)]
fn judged(grades: &[(&str, u8)]) -> JudgedQuery {
    JudgedQuery {
        query: "q".into(),
        note: "n".into(),
        grades: grades
            .iter()
            .map(|(id, g)| ((*id).to_owned(), *g))
            .collect(),
    }
}

#[cfg(test)]
fn ids(list: &[&str]) -> Vec<String> {
    list.iter().map(|id| (*id).to_owned()).collect()
}

#[test]
fn the_ideal_order_scores_one_and_a_worse_order_less() {
    let query = judged(&[("a", 3), ("b", 2), ("c", 1)]);
    let ideal = ndcg_at(&ids(&["a", "b", "c"]), &query, 10);
    assert!((ideal - 1.0).abs() < 1e-9);
    let reversed = ndcg_at(&ids(&["c", "b", "a"]), &query, 10);
    assert!(reversed < ideal && reversed > 0.0);
    let noise_first = ndcg_at(&ids(&["x", "a", "b", "c"]), &query, 10);
    assert!(noise_first < ideal && noise_first > 0.0);
}

#[test]
fn ndcg_uses_exponential_gain_and_log_discount() {
    // One grade-3 item at rank 2 alone: (7 / log2 3) / 7.
    let query = judged(&[("a", 3)]);
    let got = ndcg_at(&ids(&["x", "a"]), &query, 10);
    assert!((got - 1.0 / 3f64.log2()).abs() < 1e-9);
}

#[test]
fn nothing_relevant_found_scores_zero_and_duplicates_count_once() {
    let query = judged(&[("a", 2)]);
    let none = ndcg_at(&ids(&["x", "y"]), &query, 10);
    assert_eq!(format!("{none:.2}"), "0.00");
    let query = judged(&[("a", 3), ("b", 3)]);
    let twice = ndcg_at(&ids(&["a", "a"]), &query, 10);
    assert!(twice < ndcg_at(&ids(&["a", "b"]), &query, 10));
}

#[test]
fn recall_counts_only_the_top_k_and_the_asked_grades() {
    let query = judged(&[("a", 3), ("b", 1)]);
    assert_eq!(recall_at(&ids(&["a", "x", "b"]), &query, 1, 2), Some(0.5));
    assert_eq!(recall_at(&ids(&["a", "x", "b"]), &query, 1, 3), Some(1.0));
    assert_eq!(recall_at(&ids(&["b"]), &query, 2, 10), Some(0.0));
    assert_eq!(recall_at(&ids(&["b"]), &judged(&[("b", 1)]), 2, 10), None);
}

#[test]
fn mean_skips_missing_values() {
    assert_eq!(mean([Some(1.0), None, Some(0.0)]), Some(0.5));
    assert_eq!(mean([None, None]), None);
}
