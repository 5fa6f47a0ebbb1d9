//! The .docx read back: the title, the cover, the body's headings, lists and emphasis, the parts
//! still to fill highlighted, and text that stays literal whatever it holds.

mod common;

use common::*;
use preflight_documents::{to_docx, Document};

#[test]
fn the_title_cover_and_body_are_in_the_document() {
    let docx = to_docx(&sample()).expect("docx");
    let xml = document_xml(&docx);

    let title = paragraph_with(&xml, "Access Control Policy");
    assert!(title.contains(r#"<w:pStyle w:val="Title" />"#), "{title}");

    // The cover: one bordered table, two cells a row, labels bold, values as given.
    assert_eq!(xml.matches("<w:tbl>").count(), 1);
    let table = &xml[xml.find("<w:tbl>").unwrap()..xml.find("</w:tbl>").unwrap()];
    assert_eq!(table.matches("<w:tr>").count(), 5);
    assert_eq!(table.matches("<w:tc>").count(), 10);
    assert!(table.contains("<w:tblBorders>") && table.contains(r#"w:val="single""#));
    for (label, value) in sample().cover {
        let label_p = paragraph_with(table, &label);
        assert!(label_p.contains("<w:b />"), "{label} is bold");
        if !value.is_empty() {
            paragraph_with(table, &value);
        }
    }
    // The empty value is an empty cell: the label's cell is followed by a cell with no text.
    let cells: Vec<&str> = table.split("<w:tc>").skip(1).collect();
    assert_eq!(text(cells[4]), "Approved by");
    assert_eq!(text(cells[5]), "");
    assert!(cells[5].contains("<w:p"), "a cell still holds a paragraph");

    // The table comes before the body.
    assert!(xml.find("</w:tbl>").unwrap() < xml.find("Purpose").unwrap());

    for (heading, style) in [
        ("Purpose", "Heading1"),
        ("Scope", "Heading2"),
        ("Rules", "Heading2"),
        ("Leaving the company", "Heading3"),
        ("Exceptions", "Heading2"),
    ] {
        let p = paragraph_with(&xml, heading);
        assert!(
            p.contains(&format!(r#"<w:pStyle w:val="{style}" />"#)),
            "{heading}: {p}"
        );
    }
}

#[test]
fn lists_are_numbered_paragraphs() {
    let docx = to_docx(&sample()).expect("docx");
    let xml = document_xml(&docx);
    let num = |p: &str| -> (String, String) {
        let val = |tag: &str| {
            let at = p.find(tag).unwrap_or_else(|| panic!("{tag} in {p}")) + tag.len();
            let rest = &p[at..];
            let start = rest.find("w:val=\"").unwrap() + 7;
            let end = start + rest[start..].find('"').unwrap();
            rest[start..end].to_string()
        };
        (val("<w:ilvl"), val("<w:numId"))
    };
    let bullet = num(paragraph_with(
        &xml,
        "Access is granted on the principle of least privilege.",
    ));
    let nested = num(paragraph_with(
        &xml,
        "Hardware keys are preferred for administrators.",
    ));
    assert_eq!(bullet.0, "0");
    assert_eq!(nested.0, "1", "a nested item is one level in");
    assert_eq!(bullet.1, nested.1, "bullets share one numbering");
    let first = num(paragraph_with(
        &xml,
        "HR tells [[to fill: name of the HR lead]] on the last working day.",
    ));
    let third = num(paragraph_with(
        &xml,
        "The removal is recorded in the people register.",
    ));
    assert_eq!(first, third);
    assert_ne!(first.1, bullet.1, "numbered and bullet lists differ");

    let numbering = part(&docx, "word/numbering.xml");
    assert!(numbering.contains(r#"<w:numFmt w:val="bullet" />"#));
    assert!(numbering.contains(r#"<w:numFmt w:val="decimal" />"#));
    assert!(numbering.contains(&format!(r#"<w:num w:numId="{}">"#, first.1)));
}

#[test]
fn each_numbered_list_starts_again() {
    let doc = Document {
        body: "1. one\n2. two\n\nBetween.\n\n1. again\n\nAnd then.\n\n5. five\n6. six\n".into(),
        ..sample()
    };
    let docx = to_docx(&doc).expect("docx");
    let xml = document_xml(&docx);
    let id = |t: &str| {
        let p = paragraph_with(&xml, t);
        let at = p.find("<w:numId w:val=\"").expect("numbered") + 16;
        p[at..at + p[at..].find('"').unwrap()].to_string()
    };
    assert_eq!(id("one"), id("two"));
    assert_ne!(id("one"), id("again"), "a new list restarts its numbers");
    let numbering = part(&docx, "word/numbering.xml");
    let five = id("five");
    let def = &numbering[numbering
        .find(&format!(r#"<w:num w:numId="{five}">"#))
        .expect("the list's numbering")..];
    let def = &def[..def.find("</w:num>").unwrap()];
    assert!(def.contains(r#"<w:startOverride w:val="5" />"#), "{def}");
}

#[test]
fn emphasis_and_inline_code_are_set() {
    let docx = to_docx(&sample()).expect("docx");
    let xml = document_xml(&docx);
    let p = paragraph_with(
        &xml,
        "This policy says who may reach which systems and how access is granted, reviewed and removed.",
    );
    let r = runs(p);
    let bold = r
        .iter()
        .find(|r| text(r) == "who may reach")
        .expect("bold run");
    assert!(bold.contains("<w:b />"));
    let italic = r.iter().find(|r| text(r) == "how").expect("italic run");
    assert!(italic.contains("<w:i />"));
    let plain = r
        .iter()
        .find(|r| text(r).starts_with("This policy"))
        .unwrap();
    assert!(!plain.contains("<w:b />") && !plain.contains("<w:i />"));

    let p = paragraph_with(
        &xml,
        "It covers every employee and contractor of Acme Cloud, and every system listed in systems.md.",
    );
    let code = runs(p)
        .into_iter()
        .find(|r| text(r) == "systems.md")
        .expect("code run");
    assert!(code.contains("Courier New"), "{code}");
}

#[test]
fn parts_to_fill_are_highlighted_and_bold() {
    let docx = to_docx(&sample()).expect("docx");
    let xml = document_xml(&docx);
    let p = paragraph_with(
        &xml,
        "HR tells [[to fill: name of the HR lead]] on the last working day.",
    );
    let r = runs(p);
    let fill = r
        .iter()
        .find(|r| text(r) == "[[to fill: name of the HR lead]]")
        .expect("the span is one run");
    assert!(fill.contains(r#"<w:highlight w:val="yellow" />"#), "{fill}");
    assert!(fill.contains("<w:b />"), "{fill}");
    let before = r
        .iter()
        .find(|r| text(r) == "HR tells ")
        .expect("text before");
    assert!(!before.contains("w:highlight"));
    assert_eq!(xml.matches("w:highlight").count(), 1);

    // In the title, a cover value, a heading, and inside bold text too.
    let doc = Document {
        title: "Policy for [[to fill: company]]".into(),
        cover: vec![("Approved by".into(), "[[to fill: approver]]".into())],
        body: "## Owner: [[to fill: owner]]\n\n**Reviewed by [[to fill: reviewer]]**\n".into(),
    };
    let xml = document_xml(&to_docx(&doc).unwrap());
    for span in [
        "[[to fill: company]]",
        "[[to fill: approver]]",
        "[[to fill: owner]]",
        "[[to fill: reviewer]]",
    ] {
        let run = xml
            .split("<w:r>")
            .find(|r| text(r).starts_with(span))
            .unwrap_or_else(|| panic!("{span} in its own run"));
        assert!(run.contains(r#"<w:highlight w:val="yellow" />"#), "{span}");
    }
}

#[test]
fn text_is_literal() {
    let doc = Document {
        title: "=HYPERLINK(\"http://x\") & <b>".into(),
        cover: vec![
            ("Owner".into(), "=1+1".into()),
            ("{ PAGE }".into(), "@SUM(A1)".into()),
        ],
        body: "A paragraph with <script>alert(1)</script> & { DATE } and =SUM(A1:A9).\n\n\
               <div>raw HTML block</div>\n\n| a | b |\n|---|---|\n| not | a table |\n"
            .into(),
    };
    let docx = to_docx(&doc).expect("docx");
    let xml = document_xml(&docx);
    for forbidden in [
        "<w:fldSimple",
        "<w:instrText",
        "<w:fldChar",
        "<script>",
        "<div>",
        "<b>",
    ] {
        assert!(!xml.contains(forbidden), "{forbidden} in document.xml");
    }
    paragraph_with(&xml, "=HYPERLINK(\"http://x\") & <b>");
    paragraph_with(&xml, "=1+1");
    paragraph_with(&xml, "{ PAGE }");
    paragraph_with(
        &xml,
        "A paragraph with <script>alert(1)</script> & { DATE } and =SUM(A1:A9).",
    );
    paragraph_with(&xml, "<div>raw HTML block</div>");
    assert!(text(&xml).contains("| not | a table |"));
}

#[test]
fn emoji_and_right_to_left_text() {
    let doc = Document {
        title: "Sécurité 🔐 policy".into(),
        cover: vec![("Owner".into(), "דנה רואיס".into())],
        body: "# מדיניות אבטחה\n\nهذه السياسة تنطبق على جميع الموظفين 👩‍💻.\n\n\
               - Ship it 🚀 (with 🇫🇷 and ✅)\n"
            .into(),
    };
    let docx = to_docx(&doc).expect("docx");
    let xml = document_xml(&docx);
    paragraph_with(&xml, "Sécurité 🔐 policy");
    let owner = paragraph_with(&xml, "דנה רואיס");
    assert!(owner.contains("<w:bidi />"), "{owner}");
    let heading = paragraph_with(&xml, "מדיניות אבטחה");
    assert!(heading.contains("<w:bidi />") && heading.contains("Heading1"));
    let arabic = paragraph_with(&xml, "هذه السياسة تنطبق على جميع الموظفين 👩‍💻.");
    assert!(arabic.contains("<w:bidi />"));
    let item = paragraph_with(&xml, "Ship it 🚀 (with 🇫🇷 and ✅)");
    assert!(!item.contains("<w:bidi />"), "left to right stays so");
}

#[test]
fn characters_xml_cannot_hold_are_dropped() {
    let doc = Document {
        title: "Bad\u{0}title\u{1b}".into(),
        cover: vec![("Owner".into(), "a\u{8}b".into())],
        body: "x\u{1}y\u{FFFF}z\ttab\n".into(),
    };
    let docx = to_docx(&doc).expect("docx");
    let xml = document_xml(&docx);
    assert!(!xml
        .chars()
        .any(|c| (c < ' ' && !"\t\n\r".contains(c)) || c == '\u{FFFF}'));
    paragraph_with(&xml, "Badtitle");
    paragraph_with(&xml, "ab");
    let p = paragraph_with(&xml, "xyztab");
    assert!(p.contains("<w:tab />"), "a tab stays a tab");
}

#[test]
fn a_one_megabyte_body() {
    let mut body = String::with_capacity(1 << 20);
    let mut n = 0;
    while body.len() < 1 << 20 {
        n += 1;
        match n % 4 {
            0 => body.push_str(&format!("## Section {n}\n\n")),
            1 => body.push_str(&format!(
                "Paragraph {n} with **bold**, *italic*, `code`, 🚀 and [[to fill: item {n}]].\n\n"
            )),
            2 => body.push_str(&format!("- item {n}\n- another item {n}\n\n")),
            _ => body.push_str(&format!("1. step {n}\n2. next step {n}\n\n")),
        }
    }
    body.push_str("The last line.\n");
    let doc = Document { body, ..sample() };
    let started = std::time::Instant::now();
    let docx = to_docx(&doc).expect("docx");
    let took = started.elapsed();
    assert!(took.as_secs() < 60, "took {took:?}");
    let xml = document_xml(&docx);
    paragraph_with(&xml, "The last line.");
    assert!(xml.contains("[[to fill: item 1]]"));
}

#[test]
fn an_empty_document_still_builds() {
    let docx = to_docx(&Document::default()).expect("docx");
    let xml = document_xml(&docx);
    assert!(!xml.contains("<w:tbl>"), "no cover, no table");
    assert!(xml.contains(r#"<w:pStyle w:val="Title" />"#));
}

#[test]
fn styles_are_defined() {
    let docx = to_docx(&sample()).expect("docx");
    let styles = part(&docx, "word/styles.xml");
    for id in ["Title", "Heading1", "Heading2", "Heading3"] {
        assert!(styles.contains(&format!(r#"w:styleId="{id}""#)), "{id}");
    }
}

#[test]
fn parts_are_deflated_and_the_bytes_are_repeatable() {
    let doc = sample();
    let docx = to_docx(&doc).expect("docx");
    assert_eq!(
        docx,
        to_docx(&doc).unwrap(),
        "the same document, the same bytes"
    );
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(&docx)).unwrap();
    assert_eq!(
        zip.by_index(0).unwrap().name().unwrap(),
        "[Content_Types].xml"
    );
    for i in 0..zip.len() {
        let part = zip.by_index(i).unwrap();
        assert!(!part.is_dir());
        assert_eq!(
            part.compression(),
            zip::CompressionMethod::Deflated,
            "{:?}",
            part.name()
        );
    }
    assert!(docx.len() < 15_000, "{} bytes", docx.len());
}

#[test]
fn many_numbered_lists_share_one_definition() {
    let body = (0..500)
        .map(|i| format!("Step group {i}.\n\n1. first {i}\n2. second {i}\n\n"))
        .collect::<String>();
    let docx = to_docx(&Document { body, ..sample() }).unwrap();
    let numbering = part(&docx, "word/numbering.xml");
    assert_eq!(numbering.matches("<w:abstractNum ").count(), 3);
    assert!(numbering.matches("<w:num ").count() >= 501);
    assert!(numbering.len() < 200_000, "{} bytes", numbering.len());
}
