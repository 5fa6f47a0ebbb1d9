//! Shared by the tests: a sample policy and a way to read a .docx back.
#![allow(dead_code)]

use std::io::{Cursor, Read};

use preflight_documents::Document;

/// A policy as issue 9 would export it: a cover with one value still empty, headings, both
/// kinds of list, emphasis, inline code and a part still to fill.
pub fn sample() -> Document {
    Document {
        title: "Access Control Policy".into(),
        cover: vec![
            ("Version".into(), "3".into()),
            ("Owner".into(), "Dana Ruiz".into()),
            ("Approved by".into(), "".into()),
            ("Approved on".into(), "2026-03-01".into()),
            ("Next review".into(), "2027-03-01".into()),
        ],
        body: "\
# Purpose

This policy says **who may reach** which systems and *how* access is granted, reviewed and removed.

## Scope

It covers every employee and contractor of Acme Cloud, and every system listed in `systems.md`.

## Rules

- Access is granted on the principle of least privilege.
- Multi-factor authentication is required on every system that supports it.
  - Hardware keys are preferred for administrators.
- Access is reviewed every quarter by the system owner.

### Leaving the company

1. HR tells [[to fill: name of the HR lead]] on the last working day.
2. Access is removed within 24 hours.
3. The removal is recorded in the people register.

## Exceptions

Exceptions need written approval from the policy owner and are reviewed at each access review.
"
        .into(),
    }
}

/// The named part of a .docx (a zip), as text.
pub fn part(docx: &[u8], name: &str) -> String {
    let mut zip = zip::ZipArchive::new(Cursor::new(docx)).expect("a .docx is a zip");
    let mut file = zip
        .by_name(name)
        .unwrap_or_else(|_| panic!("{name} in the .docx"));
    let mut s = String::new();
    file.read_to_string(&mut s).expect("UTF-8 XML");
    s
}

pub fn document_xml(docx: &[u8]) -> String {
    part(docx, "word/document.xml")
}

/// The paragraphs (`w:p`) of document.xml, each as its XML.
pub fn paragraphs(xml: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = xml;
    while let Some(start) = find_open(rest, "w:p") {
        let end = rest[start..].find("</w:p>").map(|e| start + e + 6);
        let Some(end) = end else { break };
        out.push(&rest[start..end]);
        rest = &rest[end..];
    }
    out
}

/// The position of `<tag>` or `<tag ` (not `<tagX`).
fn find_open(s: &str, tag: &str) -> Option<usize> {
    let open = format!("<{tag}");
    let mut from = 0;
    while let Some(i) = s[from..].find(&open) {
        let at = from + i;
        match s.as_bytes().get(at + open.len()) {
            Some(b'>') | Some(b' ') | Some(b'/') => return Some(at),
            _ => from = at + open.len(),
        }
    }
    None
}

/// The text of a piece of WordprocessingML: every `w:t` joined, entities decoded.
pub fn text(xml: &str) -> String {
    let mut out = String::new();
    let mut rest = xml;
    while let Some(start) = find_open(rest, "w:t") {
        let body = start + rest[start..].find('>').expect("tag ends") + 1;
        if rest[..body].ends_with("/>") {
            rest = &rest[body..];
            continue;
        }
        let end = body + rest[body..].find("</w:t>").expect("w:t closes");
        out.push_str(&rest[body..end]);
        rest = &rest[end..];
    }
    out.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&#xA;", "\n")
        .replace("&amp;", "&")
}

/// The paragraph whose text is `wanted`.
pub fn paragraph_with<'a>(xml: &'a str, wanted: &str) -> &'a str {
    paragraphs(xml)
        .into_iter()
        .find(|p| text(p) == wanted)
        .unwrap_or_else(|| panic!("no paragraph reads {wanted:?}"))
}

/// The runs (`w:r`) of a paragraph.
pub fn runs(p: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = p;
    while let Some(start) = find_open(rest, "w:r") {
        let end = start + rest[start..].find("</w:r>").expect("w:r closes") + 6;
        out.push(&rest[start..end]);
        rest = &rest[end..];
    }
    out
}
