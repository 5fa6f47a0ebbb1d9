//! A document body read into plain blocks (headings, paragraphs, list items with their level),
//! for a preview the window builds from text nodes: never HTML.

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Block {
    Heading {
        level: u8,
        text: String,
    },
    Paragraph {
        text: String,
    },
    /// A list item; `level` 1 is the outer list; `number` for numbered lists.
    Item {
        level: u8,
        ordered: bool,
        number: Option<u64>,
        text: String,
    },
}

fn level_of(l: HeadingLevel) -> u8 {
    match l {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

/// The blocks of a Markdown body, with inline formatting dropped (the text is kept).
pub fn outline(markdown: &str) -> Vec<Block> {
    let mut out = Vec::new();
    let mut text = String::new();
    // Each open list: whether numbered, and the next number.
    let mut lists: Vec<Option<u64>> = Vec::new();
    let mut heading: Option<u8> = None;
    let mut item: Option<(u8, bool, Option<u64>)> = None;
    let flush = |out: &mut Vec<Block>,
                 text: &mut String,
                 heading: Option<u8>,
                 item: Option<(u8, bool, Option<u64>)>| {
        let t = text.trim().to_string();
        text.clear();
        if t.is_empty() {
            return;
        }
        out.push(match (heading, item) {
            (Some(level), _) => Block::Heading { level, text: t },
            (None, Some((level, ordered, number))) => Block::Item {
                level,
                ordered,
                number,
                text: t,
            },
            (None, None) => Block::Paragraph { text: t },
        });
    };
    for event in Parser::new_ext(markdown, Options::empty()) {
        match event {
            Event::Start(Tag::Heading { level, .. }) => {
                flush(&mut out, &mut text, heading, item);
                heading = Some(level_of(level));
            }
            Event::End(TagEnd::Heading(_)) => {
                flush(&mut out, &mut text, heading, item);
                heading = None;
            }
            Event::Start(Tag::List(start)) => {
                flush(&mut out, &mut text, heading, item);
                lists.push(start);
            }
            Event::End(TagEnd::List(_)) => {
                flush(&mut out, &mut text, heading, item);
                lists.pop();
                item = None;
            }
            Event::Start(Tag::Item) => {
                flush(&mut out, &mut text, heading, item);
                let level = u8::try_from(lists.len()).unwrap_or(u8::MAX);
                let number = lists.last_mut().and_then(|n| {
                    let cur = *n;
                    if let Some(x) = n {
                        *x += 1;
                    }
                    cur
                });
                item = Some((level, number.is_some(), number));
            }
            Event::End(TagEnd::Item) => {
                flush(&mut out, &mut text, heading, item);
                item = None;
            }
            Event::End(TagEnd::Paragraph) => flush(&mut out, &mut text, heading, item),
            Event::Text(t) | Event::Code(t) | Event::Html(t) | Event::InlineHtml(t) => {
                text.push_str(&t)
            }
            Event::SoftBreak | Event::HardBreak => text.push(' '),
            _ => {}
        }
    }
    flush(&mut out, &mut text, heading, item);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_paragraphs_and_lists() {
        let b = outline("## Purpose\nWe keep **data** safe.\n\n- one\n- two\n  1. inner\n\n<b>raw</b> stays text");
        assert_eq!(
            b[0],
            Block::Heading {
                level: 2,
                text: "Purpose".into()
            }
        );
        assert_eq!(
            b[1],
            Block::Paragraph {
                text: "We keep data safe.".into()
            }
        );
        assert_eq!(
            b[2],
            Block::Item {
                level: 1,
                ordered: false,
                number: None,
                text: "one".into()
            }
        );
        assert_eq!(
            b[3],
            Block::Item {
                level: 1,
                ordered: false,
                number: None,
                text: "two".into()
            }
        );
        assert_eq!(
            b[4],
            Block::Item {
                level: 2,
                ordered: true,
                number: Some(1),
                text: "inner".into()
            }
        );
        assert_eq!(
            b[5],
            Block::Paragraph {
                text: "<b>raw</b> stays text".into()
            }
        );
    }
}
