//! The title line of each layout family ([`TitleForm`]) and, when a text fits none, the
//! error that says which family came closest and what it lacked.

use std::sync::LazyLock;

use regex::Regex;

use super::headings::ItemStyle;
use super::{dates, markdown};

/// "<forum> - Referat - 25. oktober 2016", "<forum> (2018-2021) – Referat – 12. januar 2021".
static FORUM_REFERAT_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(.+?)\s+[-–]\s+(?:referat|dagsorden)\s+[-–]\s+(.+)$")
        .expect("static title pattern is valid")
});

/// "(2018-2021)" after a forum's name: the election period.
static PERIOD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\s*\(\d{4}\s*[-–]\s*\d{4}\)").expect("static period pattern is valid")
});

/// How a family writes its title line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TitleForm {
    /// `REFERAT <forum> [- <niveau>] d. DD-MM-YYYY` (FirstAgenda; also `DAGSORDEN …`).
    Referat,
    /// `<forum> - Referat - <date>`, the forum maybe with its period `(2018-2021)`.
    ForumFirst,
    /// `Referat af møde i <forum>` (a date may follow).
    AfMoede,
    /// `Referat` or `Dagsorden` alone: the forum and the date on the next lines or labelled.
    Alone,
}

impl TitleForm {
    /// How the form looks, for messages.
    pub fn example(self) -> &'static str {
        match self {
            TitleForm::Referat => "`REFERAT <forum> d. DD-MM-YYYY`",
            TitleForm::ForumFirst => "`<forum> - Referat - <date>`",
            TitleForm::AfMoede => "`Referat af møde i <forum>`",
            TitleForm::Alone => "`Referat` (forum and date below)",
        }
    }
}

/// The title as found: which lines it took, its form, and the text naming the forum (with
/// any niveau and date still in it) when the title line names one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TitleLine {
    pub lines: Vec<usize>,
    pub form: TitleForm,
    pub text: String,
    pub forum_text: Option<String>,
}

/// The first line (of `lines`) that is a title line of any family.
pub fn find_title(lines: &[&str]) -> Option<TitleLine> {
    lines.iter().enumerate().find_map(|(index, line)| {
        let text = markdown::plain(line);
        title_form(&text).map(|(form, forum_text)| TitleLine {
            lines: vec![index],
            form,
            text,
            forum_text,
        })
    })
}

/// `Referat` alone: the forum on the next line and the date on the one after (either may
/// be missing, or be left to the labels), both taken into the title.
pub fn extend_alone(lines: &[&str], title: &mut TitleLine) {
    let Some(&first) = title.lines.first() else {
        return;
    };
    let following = (first + 1..lines.len()).filter(|&i| !lines[i].trim().is_empty());
    for index in following.take(2) {
        let text = markdown::plain(lines[index]);
        let is_date = dates::find_date(&text).is_some();
        if is_label(&text) || (title.forum_text.is_some() && !is_date) {
            break;
        }
        if !is_date {
            title.forum_text = Some(text.clone());
        }
        title.lines.push(index);
        title.text = format!("{} {text}", title.text);
        if is_date {
            break;
        }
    }
}

/// A header label opens the line (so it is no forum or date of an `Alone` title).
fn is_label(text: &str) -> bool {
    let word = text
        .split(|c: char| c.is_whitespace() || c == ':')
        .next()
        .unwrap_or("")
        .to_lowercase();
    LABEL_WORDS.contains(&word.as_str())
}

/// The words that open a header field in any family.
pub const LABEL_WORDS: [&str; 13] = [
    "mødedato",
    "dato",
    "starttidspunkt",
    "mødetidspunkt",
    "tidspunkt",
    "mødested",
    "sted",
    "møde",
    "mødedeltagere",
    "deltagere",
    "medlemmer",
    "afbud",
    "fraværende",
];

/// The form of a title line and the text that names the forum.
fn title_form(text: &str) -> Option<(TitleForm, Option<String>)> {
    let lower = text.to_lowercase();
    for word in ["referat", "dagsorden"] {
        let Some(rest) = lower.strip_prefix(word) else {
            continue;
        };
        // Keep the original case: byte offsets agree (both prefixes are ASCII).
        let rest_text = text.get(word.len()..).unwrap_or("");
        if rest.trim().is_empty() {
            return Some((TitleForm::Alone, None));
        }
        let rest_trimmed = rest_text.trim_start_matches([':', ' ', '\t']);
        if let Some(forum) = strip_af_moede(rest_trimmed) {
            return Some((TitleForm::AfMoede, Some(without_period(forum))));
        }
        if rest.starts_with(char::is_whitespace) || rest.starts_with(':') {
            return Some((TitleForm::Referat, Some(rest_trimmed.to_string())));
        }
    }
    let caps = FORUM_REFERAT_DATE.captures(text)?;
    let forum = without_period(&caps[1]);
    dates::find_date(&caps[2])?;
    Some((TitleForm::ForumFirst, Some(format!("{forum} {}", &caps[2]))))
}

/// "af møde i Økonomiudvalget" → "Økonomiudvalget".
fn strip_af_moede(text: &str) -> Option<&str> {
    let lower = text.to_lowercase();
    ["af møde i ", "for møde i ", "fra møde i "]
        .iter()
        .find(|prefix| lower.starts_with(*prefix))
        .and_then(|prefix| text.get(prefix.len()..))
        .map(str::trim)
        .filter(|forum| !forum.is_empty())
}

fn without_period(forum: &str) -> String {
    PERIOD.replace(forum, "").trim().to_string()
}

/// "a referat with `1. <title>` items".
pub fn style_family(style: ItemStyle) -> String {
    format!("a referat with {} items", style.example())
}

/// "a `<forum> - Referat - <date>` referat".
pub fn form_family(form: TitleForm) -> String {
    format!("a {} referat", form.example())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(text: &str) -> Option<(TitleForm, Option<String>)> {
        title_form(text)
    }

    #[test]
    fn each_title_form_is_recognised_with_its_forum_text() {
        assert_eq!(
            form("REFERAT Sundhedsklynge Fyn d. 04-03-2024"),
            Some((
                TitleForm::Referat,
                Some("Sundhedsklynge Fyn d. 04-03-2024".into())
            ))
        );
        assert_eq!(
            form("Sundhedsudvalget - Referat - 25. oktober 2016"),
            Some((
                TitleForm::ForumFirst,
                Some("Sundhedsudvalget 25. oktober 2016".into())
            ))
        );
        assert_eq!(
            form("Aarhus Byråd (2018-2021) – Referat – 12. januar 2021"),
            Some((
                TitleForm::ForumFirst,
                Some("Aarhus Byråd 12. januar 2021".into())
            ))
        );
        assert_eq!(
            form("Referat af møde i Økonomiudvalget"),
            Some((TitleForm::AfMoede, Some("Økonomiudvalget".into())))
        );
        assert_eq!(form("Referat"), Some((TitleForm::Alone, None)));
        assert_eq!(form("DAGSORDEN"), Some((TitleForm::Alone, None)));
    }

    #[test]
    fn referat_alone_takes_forum_and_date_from_the_next_lines() {
        let lines = [
            "Referat",
            "",
            "Sundhedsudvalget",
            "12. januar 2021",
            "Sted: Rådhuset",
        ];
        let mut title = find_title(&lines).expect("a title");
        extend_alone(&lines, &mut title);
        assert_eq!(title.lines, [0, 2, 3]);
        assert_eq!(title.forum_text.as_deref(), Some("Sundhedsudvalget"));
        assert_eq!(title.text, "Referat Sundhedsudvalget 12. januar 2021");
        let labelled = ["REFERAT", "MØDE", "Sundhedsudvalget"];
        let mut title = find_title(&labelled).expect("a title");
        extend_alone(&labelled, &mut title);
        assert_eq!(title.lines, [0]);
    }

    #[test]
    fn sentences_are_not_title_lines() {
        assert_eq!(form("Referatet godkendes."), None);
        assert_eq!(form("Status - Referat - fra sidst"), None);
    }
}
