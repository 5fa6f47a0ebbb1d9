//! The Markdown export: `# title`, the cover as a table, then the body as written.

mod common;

use common::sample;
use preflight_documents::{placeholders, to_markdown, Document};

#[test]
fn title_cover_table_then_the_body() {
    let doc = sample();
    let md = to_markdown(&doc);
    let expected_head = "\
# Access Control Policy

| Field | Value |
| --- | --- |
| Version | 3 |
| Owner | Dana Ruiz |
| Approved by |  |
| Approved on | 2026-03-01 |
| Next review | 2027-03-01 |

# Purpose
";
    assert!(md.starts_with(expected_head), "{md}");
    assert!(md.ends_with("reviewed at each access review.\n"));
    assert_eq!(&md[expected_head.len() - "# Purpose\n".len()..], doc.body);
}

#[test]
fn parts_to_fill_are_kept_as_written() {
    let md = to_markdown(&sample());
    assert_eq!(placeholders(&md), vec!["[[to fill: name of the HR lead]]"]);
}

#[test]
fn cells_and_title_stay_on_one_line() {
    let doc = Document {
        title: "Line one\nline two".into(),
        cover: vec![("Owner | deputy".into(), "Dana\r\nRuiz".into())],
        body: "\n\nBody.\n\n\n".into(),
    };
    assert_eq!(
        to_markdown(&doc),
        "# Line one line two\n\n| Field | Value |\n| --- | --- |\n| Owner \\| deputy | Dana Ruiz |\n\nBody.\n"
    );
}

#[test]
fn no_cover_no_table_and_unicode_kept() {
    let doc = Document {
        title: "מדיניות 🔐".into(),
        cover: vec![],
        body: "هذه السياسة 👩‍💻 =SUM(A1)\n".into(),
    };
    assert_eq!(
        to_markdown(&doc),
        "# מדיניות 🔐\n\nهذه السياسة 👩‍💻 =SUM(A1)\n"
    );
    assert_eq!(to_markdown(&Document::default()), "# \n\n");
}

#[test]
fn a_one_megabyte_body_is_kept_whole() {
    let body = "A line of policy text with 🚀 and [[to fill: x]].\n".repeat(25_000);
    assert!(body.len() > 1 << 20);
    let md = to_markdown(&Document {
        body: body.clone(),
        ..sample()
    });
    assert!(md.ends_with(&body));
}
