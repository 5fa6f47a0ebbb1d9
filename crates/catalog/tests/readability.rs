//! Plain language, measured: the questions and their guidance must read easily for a founder
//! who has never read the criteria.
//!
//! The measure is the Flesch reading ease of each text,
//! `206.835 - 1.015 * words / sentences - 84.6 * syllables / words` (higher is easier; 60 to 70
//! is plain English, 30 to 50 is hard). Syllables are counted by a small rule of thumb (vowel
//! groups, a silent final "e", "-es" and "-ed" endings), words are runs between spaces and a
//! placeholder such as `{period}` or `{every:access_review}` counts as one word of two
//! syllables. A sentence ends at `.`, `!` or `?` followed by a capital, a digit or the end.
//!
//! The rule: the average over all guidance texts is at least [`GUIDANCE_MIN`] and over all
//! question texts at least [`TEXT_MIN`], and so is the average of each question file. The
//! hardest guidance texts before the rewrite are also held to [`GUIDANCE_MIN`] one by one.
//!
//! Before and after the plain-language rewrite (issue 11, item 18), as measured by this test:
//!
//! | question file | guidance before | guidance after | questions before | questions after |
//! |---------------|-----------------|----------------|------------------|-----------------|
//! | all files     | 37.5            | 69.0           | 53.4             | 64.6            |
//! | a1            | 32.7            | 68.0           | 55.5             | 64.6            |
//! | c1            | 26.2            | 64.2           | 35.1             | 61.7            |
//! | cc1           | 38.9            | 64.2           | 54.7             | 62.7            |
//! | cc2           | 39.3            | 66.9           | 49.9             | 62.9            |
//! | cc3           | 35.1            | 67.6           | 65.4             | 65.1            |
//! | cc4           | 41.8            | 76.2           | 67.6             | 73.4            |
//! | cc5           | 38.5            | 66.1           | 65.4             | 65.9            |
//! | cc6           | 33.5            | 69.1           | 49.6             | 63.9            |
//! | cc7           | 34.7            | 67.7           | 51.4             | 65.2            |
//! | cc8           | 38.8            | 70.4           | 56.1             | 63.6            |
//! | cc9           | 32.4            | 67.7           | 56.9             | 63.7            |
//! | p             | 42.2            | 69.3           | 52.1             | 63.0            |
//! | pi1           | 42.4            | 68.7           | 61.6             | 68.2            |
//! | soc1          | 37.0            | 72.1           | 53.6             | 66.1            |
//! | type2         | 41.4            | 69.0           | 42.9             | 63.5            |
//!
//! "Before" is the catalog of 263 questions the rewrite started from; "after" the 279 questions
//! of the catalog when it ended (new questions written in the meantime included).

use preflight_catalog::embedded::QUESTION_FILES;

/// The lowest average Flesch reading ease allowed for guidance texts.
const GUIDANCE_MIN: f64 = 50.0;
/// The lowest average Flesch reading ease allowed for question texts.
const TEXT_MIN: f64 = 60.0;

/// The guidance texts that were hardest to read before the rewrite; each must now pass alone.
const HARDEST: &[&str] = &[
    "cc6-admin-remote-access",
    "cc6-artifact-scanning",
    "t2-population-changes",
    "cc2-control-reports",
    "cc4-independent-check",
    "c1-confidentiality-agreements",
    "cc9-vendor-contracts",
    "p-deletion-at-end",
    "soc1-change-separation",
];

fn is_vowel(c: char) -> bool {
    matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'y')
}

/// Syllables in one word, by rule of thumb.
fn syllables(token: &str) -> usize {
    if token.contains('{') {
        return 2;
    }
    let w: Vec<char> = token
        .chars()
        .filter(|c| c.is_alphabetic())
        .flat_map(char::to_lowercase)
        .collect();
    if w.len() <= 3 {
        return 1;
    }
    let mut n = 0usize;
    let mut prev = false;
    for &c in &w {
        let v = is_vowel(c);
        if v && !prev {
            n += 1;
        }
        prev = v;
    }
    let s: String = w.iter().collect();
    let before = |k: usize| w[w.len() - k];
    let silent_e = s.ends_with('e') && !s.ends_with("le") && !s.ends_with("ee");
    let silent_es = s.ends_with("es") && !"sxzcg".contains(before(3)) && !s.ends_with("ies");
    let silent_ed = s.ends_with("ed") && !"td".contains(before(3));
    // One ending at most: a word ending in "e" does not also end in "es" or "ed".
    if silent_e || silent_es || silent_ed {
        n = n.saturating_sub(1);
    }
    n.max(1)
}

/// The words of a text; a placeholder `{...}` is one word even if it holds spaces.
fn tokens(text: &str) -> Vec<String> {
    let mut joined = String::with_capacity(text.len());
    let mut depth = 0usize;
    for c in text.chars() {
        match c {
            '{' => depth += 1,
            '}' => depth = depth.saturating_sub(1),
            _ => {}
        }
        joined.push(if depth > 0 && c.is_whitespace() {
            '_'
        } else {
            c
        });
    }
    joined
        .split_whitespace()
        .filter(|t| t.chars().any(char::is_alphanumeric) || t.starts_with('{'))
        .map(str::to_string)
        .collect()
}

fn sentences(tokens: &[String]) -> usize {
    let closers: &[char] = &[')', '"', '\'', '\u{201d}', '\u{2019}'];
    let openers: &[char] = &['(', '"', '\'', '\u{201c}', '\u{2018}'];
    let mut n = 0;
    for (i, t) in tokens.iter().enumerate() {
        let t = t.trim_end_matches(closers);
        if t.ends_with(['.', '!', '?']) {
            let starts_sentence = match tokens.get(i + 1) {
                None => true,
                Some(next) => next
                    .trim_start_matches(openers)
                    .chars()
                    .next()
                    .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit()),
            };
            if starts_sentence {
                n += 1;
            }
        }
    }
    n.max(1)
}

/// The Flesch reading ease of one text.
fn flesch(text: &str) -> f64 {
    let t = tokens(text);
    if t.is_empty() {
        return 0.0;
    }
    let words = t.len() as f64;
    let syl: usize = t.iter().map(|w| syllables(w)).sum();
    206.835 - 1.015 * words / sentences(&t) as f64 - 84.6 * syl as f64 / words
}

struct Q {
    id: String,
    text: String,
    guidance: String,
}

/// The questions of each shipped file, read from its TOML (any other fields are ignored).
fn files() -> Vec<(&'static str, Vec<Q>)> {
    QUESTION_FILES
        .iter()
        .map(|(name, src)| {
            let table: toml::Table =
                toml::from_str(src).unwrap_or_else(|e| panic!("{name} is not valid TOML: {e}"));
            let questions = table
                .get("question")
                .and_then(|q| q.as_array())
                .map(|a| a.as_slice())
                .unwrap_or_default()
                .iter()
                .map(|q| {
                    let field = |k: &str| {
                        q.get(k)
                            .and_then(|v| v.as_str())
                            .unwrap_or_default()
                            .to_string()
                    };
                    Q {
                        id: field("id"),
                        text: field("text"),
                        guidance: field("guidance"),
                    }
                })
                .collect();
            (*name, questions)
        })
        .collect()
}

fn mean(xs: &[f64]) -> f64 {
    xs.iter().sum::<f64>() / xs.len().max(1) as f64
}

#[test]
fn syllable_counter_is_reasonable() {
    for (word, n) in [
        ("the", 1),
        ("access", 2),
        ("make", 1),
        ("makes", 1),
        ("used", 1),
        ("tested", 2),
        ("processes", 3),
        ("table", 2),
        ("policy", 3),
        ("confidential", 4),
        ("organization", 5),
        ("{every:access_review}", 2),
        ("2026", 1),
    ] {
        assert_eq!(syllables(word), n, "{word}");
    }
    assert_eq!(tokens("Review it {every:access review}.").len(), 3);
    let plain = flesch("The cat sat on the mat. It was warm.");
    assert!(plain > 100.0, "{plain}");
    let hard = flesch(
        "Organizational accountability necessitates comprehensive documentation \
         of authorization determinations.",
    );
    assert!(hard < 0.0, "{hard}");
}

#[test]
fn guidance_and_questions_read_plainly_overall_and_per_file() {
    let files = files();
    let mut all_g = Vec::new();
    let mut all_t = Vec::new();
    let mut failures = Vec::new();
    let mut report = String::new();
    for (name, qs) in &files {
        let g: Vec<f64> = qs.iter().map(|q| flesch(&q.guidance)).collect();
        let t: Vec<f64> = qs.iter().map(|q| flesch(&q.text)).collect();
        let (mg, mt) = (mean(&g), mean(&t));
        report.push_str(&format!(
            "{name}: guidance {mg:.1}, questions {mt:.1} ({} questions)\n",
            qs.len()
        ));
        if !qs.is_empty() && mg < GUIDANCE_MIN {
            failures.push(format!(
                "{name}: guidance averages {mg:.1}, below {GUIDANCE_MIN}"
            ));
        }
        if !qs.is_empty() && mt < TEXT_MIN {
            failures.push(format!(
                "{name}: question texts average {mt:.1}, below {TEXT_MIN}"
            ));
        }
        all_g.extend(g);
        all_t.extend(t);
    }
    let (mg, mt) = (mean(&all_g), mean(&all_t));
    report.push_str(&format!(
        "all: guidance {mg:.1}, questions {mt:.1} ({} questions)\n",
        all_g.len()
    ));
    println!("{report}");
    if mg < GUIDANCE_MIN {
        failures.push(format!("all guidance averages {mg:.1}"));
    }
    if mt < TEXT_MIN {
        failures.push(format!("all question texts average {mt:.1}"));
    }
    for id in HARDEST {
        let q = files
            .iter()
            .flat_map(|(_, qs)| qs)
            .find(|q| q.id == *id)
            .unwrap_or_else(|| panic!("{id} is no longer in the catalog"));
        let f = flesch(&q.guidance);
        if f < GUIDANCE_MIN {
            failures.push(format!("{id}: guidance reads at {f:.1}"));
        }
    }
    if !failures.is_empty() {
        // The hardest texts, to start from.
        let mut worst: Vec<(f64, &str, &str)> = files
            .iter()
            .flat_map(|(_, qs)| qs)
            .flat_map(|q| {
                [
                    (flesch(&q.guidance), q.id.as_str(), "guidance"),
                    (flesch(&q.text), q.id.as_str(), "text"),
                ]
            })
            .collect();
        worst.sort_by(|a, b| a.0.total_cmp(&b.0));
        let worst: Vec<String> = worst
            .iter()
            .take(10)
            .map(|(f, id, field)| format!("{id} {field} {f:.1}"))
            .collect();
        panic!(
            "texts read too hard:\n{}\n{report}hardest now: {}",
            failures.join("\n"),
            worst.join(", ")
        );
    }
}

/// The glossary explains hard words, so its own words must be easy: on average at least
/// [`TEXT_MIN`] (73.4 when it was written).
#[test]
fn glossary_definitions_read_plainly() {
    let g = preflight_catalog::glossary::embedded()
        .unwrap_or_else(|e| panic!("embedded glossary invalid: {e}"));
    let scores: Vec<f64> = g.terms.iter().map(|t| flesch(&t.definition)).collect();
    let m = mean(&scores);
    assert!(
        m >= TEXT_MIN,
        "glossary definitions average {m:.1}, below {TEXT_MIN}"
    );
}
