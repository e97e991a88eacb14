//! Folding Danish letters for people who type without them: `lægedækning` as
//! `laegedaekning`, `Fanø` as `Fano`, `Åbenrå` as `Aabenraa` or `Abenra`.
//!
//! Folding runs BEFORE stemming (fold-first matched every ae/oe/aa spelling in the seeds,
//! stem-first 91%) and only in the folded field: folding inside the main chain would merge
//! `før` with `for`.

/// The primary fold: æ→ae, ø→oe, å→aa (and ä, ö, é … the way Danish writes them without
/// diacritics). Text without such letters passes through unchanged.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            'æ' | 'ä' => out.push_str("ae"),
            'Æ' | 'Ä' => out.push_str("Ae"),
            'ø' | 'ö' => out.push_str("oe"),
            'Ø' | 'Ö' => out.push_str("Oe"),
            'å' => out.push_str("aa"),
            'Å' => out.push_str("Aa"),
            other => push_plain(other, &mut out),
        }
    }
    out
}

/// The spellings a lowercase word may be typed as: the primary fold first, then the loose
/// forms that drop the diacritic (ø→o, å→a, and æ→a or æ→e), without duplicates.
pub fn spellings(word: &str) -> Vec<String> {
    let primary = fold(word);
    let mut out = vec![primary];
    for ae in ["a", "e"] {
        let loose = loose(word, ae);
        if !out.contains(&loose) {
            out.push(loose);
        }
    }
    out
}

fn loose(word: &str, ae: &str) -> String {
    let mut out = String::with_capacity(word.len());
    for c in word.chars() {
        match c {
            'æ' | 'ä' => out.push_str(ae),
            'ø' | 'ö' => out.push('o'),
            'å' => out.push('a'),
            other => push_plain(other, &mut out),
        }
    }
    out
}

/// Accented vowels in loanwords (idé, café, müller) lose their accent in every fold.
fn push_plain(c: char, out: &mut String) {
    let plain = match c {
        'é' | 'è' | 'ê' | 'ë' => 'e',
        'á' | 'à' | 'â' => 'a',
        'í' | 'ì' | 'î' | 'ï' => 'i',
        'ó' | 'ò' | 'ô' => 'o',
        'ú' | 'ù' | 'û' | 'ü' => 'u',
        other => other,
    };
    out.push(plain);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn primary_fold_spells_danish_letters_out() {
        assert_eq!(fold("lægedækning"), "laegedaekning");
        assert_eq!(fold("Åbenrå"), "Aabenraa");
        assert_eq!(fold("Fanø"), "Fanoe");
    }

    #[test]
    fn text_without_danish_letters_passes_through() {
        assert_eq!(fold("Aabenraa 22/43402"), "Aabenraa 22/43402");
    }

    #[test]
    fn loose_spellings_drop_the_diacritic() {
        assert_eq!(spellings("fanø"), vec!["fanoe", "fano"]);
        assert_eq!(
            spellings("sundhedsråd"),
            vec!["sundhedsraad", "sundhedsrad"]
        );
        assert_eq!(
            spellings("læge"),
            vec!["laege".to_string(), "lage".into(), "lege".into()]
        );
    }

    #[test]
    fn plain_word_has_one_spelling() {
        assert_eq!(spellings("klynge"), vec!["klynge"]);
    }
}
