//! Mutations of a valid input for the fuzz tests: cuts, byte flips, insertions of hostile text
//! (formula-looking cells, emoji, right-to-left text, NUL bytes, huge cells), removals and
//! duplications. Shared, as a dev-dependency, by the fuzz tests of every crate that reads
//! outside data.

pub mod json;

use proptest::prelude::*;
use proptest::test_runner::{Config, RngAlgorithm, RngSeed};

/// The fixed configuration: `cases` cases from a fixed seed (runs are repeatable), no failure
/// files written into the source tree, and shrinking bounded so a failure reports quickly.
pub fn config(cases: u32) -> Config {
    Config {
        cases,
        failure_persistence: None,
        rng_algorithm: RngAlgorithm::ChaCha,
        rng_seed: RngSeed::Fixed(0x5EED_F17E),
        max_shrink_iters: 2_000,
        max_shrink_time: 60_000,
        ..Config::default()
    }
}

/// One edit of a byte string. Positions are taken modulo the length when applied.
#[derive(Debug, Clone)]
pub enum Edit {
    /// Cut the input at a point.
    Cut(usize),
    /// XOR one byte with a non-zero mask.
    Flip(usize, u8),
    /// Insert bytes at a point.
    Insert(usize, Vec<u8>),
    /// Remove up to `n` bytes from a point.
    Remove(usize, usize),
    /// Copy a slice of the input to another point.
    Duplicate(usize, usize, usize),
}

/// Text that readers of outside data must handle: formulas, emoji, right-to-left and
/// bidirectional marks, NUL and control bytes, quotes and separators, huge cells, odd numbers.
pub fn hostile() -> impl Strategy<Value = Vec<u8>> {
    let fixed: Vec<&'static str> = vec![
        "=HYPERLINK(\"http://x.test\",\"click\")",
        "=1+1",
        "+cmd|' /C calc'!A0",
        "-2",
        "@SUM(A1:A9)",
        "\t=1",
        "☁️👍🏽👩‍👩‍👧",
        "\u{202e}שלום مرحبا\u{202c}",
        "\u{200f}\u{200e}\u{2066}",
        "\0",
        "\0\0\0\0",
        "\u{feff}",
        "\r\n",
        "\n\n",
        "\"",
        "\"\"",
        ",",
        ";",
        "\t",
        "{",
        "}",
        "[",
        "]",
        ":",
        "null",
        "true",
        "1e999",
        "-0",
        "18446744073709551616",
        "-9223372036854775809",
        "0.5",
        "2026-02-30",
        "9999-12-31",
        "0000-01-01",
        "\\u0000",
        "\\ud800",
        "<x/>",
        "]]>",
        "&amp;&#0;",
        "\u{7f}\u{1b}[31m",
    ];
    prop_oneof![
        16 => proptest::sample::select(fixed).prop_map(|s| s.as_bytes().to_vec()),
        3 => proptest::collection::vec(any::<u8>(), 0..24),
        3 => ".{0,24}".prop_map(String::into_bytes),
        1 => (1usize..4, proptest::sample::select(vec!["A", "é", "☁️", "\u{202e}", "\""]))
            .prop_map(|(k, s)| s.repeat(k * 10_000).into_bytes()),
    ]
}

pub fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        1 => any::<usize>().prop_map(Edit::Cut),
        4 => (any::<usize>(), 1u8..=255).prop_map(|(i, m)| Edit::Flip(i, m)),
        4 => (any::<usize>(), hostile()).prop_map(|(i, b)| Edit::Insert(i, b)),
        2 => (any::<usize>(), 1usize..64).prop_map(|(i, n)| Edit::Remove(i, n)),
        1 => (any::<usize>(), 1usize..256, any::<usize>())
            .prop_map(|(i, n, j)| Edit::Duplicate(i, n, j)),
    ]
}

/// Applies edits to a copy of `seed`.
pub fn apply(seed: &[u8], edits: &[Edit]) -> Vec<u8> {
    let mut b = seed.to_vec();
    for e in edits {
        let len = b.len();
        match e {
            Edit::Cut(i) => b.truncate(i % (len + 1)),
            Edit::Flip(i, m) => {
                if len > 0 {
                    b[i % len] ^= m;
                }
            }
            Edit::Insert(i, bytes) => {
                let at = i % (len + 1);
                b.splice(at..at, bytes.iter().copied());
            }
            Edit::Remove(i, n) => {
                let at = i % (len + 1);
                let end = (at + n).min(len);
                b.drain(at..end);
            }
            Edit::Duplicate(i, n, j) => {
                if len > 0 {
                    let from = i % len;
                    let end = (from + n).min(len);
                    let piece = b[from..end].to_vec();
                    let at = j % (len + 1);
                    b.splice(at..at, piece);
                }
            }
        }
    }
    b
}

/// A valid input with one to five edits.
pub fn mutated(seed: Vec<u8>) -> impl Strategy<Value = Vec<u8>> {
    proptest::collection::vec(edit(), 1..6).prop_map(move |edits| apply(&seed, &edits))
}

/// The mix every reader gets: arbitrary bytes, arbitrary text, and (most) mutations of a valid
/// input.
pub fn inputs(seed: Vec<u8>) -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        1 => proptest::collection::vec(any::<u8>(), 0..512),
        1 => any::<String>().prop_map(String::into_bytes),
        6 => mutated(seed),
    ]
}
