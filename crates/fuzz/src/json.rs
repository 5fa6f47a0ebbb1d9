//! Mutations of a valid JSON document at the level of its values: a node replaced by a value
//! of another type (or a hostile string, a huge number, a copy of another node), a node
//! removed, an array item doubled. These reach the checks behind the parser, which byte edits
//! rarely do.

use proptest::prelude::*;
use serde_json::Value;

use super::hostile;

#[derive(Debug, Clone)]
pub enum JsonEdit {
    Replace(usize, Value),
    /// Replace a node with a copy of another node.
    CopyFrom(usize, usize),
    Remove(usize),
    DoubleItem(usize),
}

/// The JSON pointers of every node but the root, in document order.
pub fn pointers(v: &Value) -> Vec<String> {
    fn walk(v: &Value, at: &str, out: &mut Vec<String>) {
        match v {
            Value::Object(m) => {
                for (k, child) in m {
                    let p = format!("{at}/{}", k.replace('~', "~0").replace('/', "~1"));
                    out.push(p.clone());
                    walk(child, &p, out);
                }
            }
            Value::Array(items) => {
                for (i, child) in items.iter().enumerate() {
                    let p = format!("{at}/{i}");
                    out.push(p.clone());
                    walk(child, &p, out);
                }
            }
            _ => {}
        }
    }
    let mut out = Vec::new();
    walk(v, "", &mut out);
    out
}

pub fn value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        proptest::num::f64::NORMAL.prop_map(Value::from),
        Just(Value::from(0)),
        Just(Value::from(-1)),
        Just(Value::from(u64::MAX)),
        hostile().prop_map(|b| Value::String(String::from_utf8_lossy(&b).into_owned())),
        Just(Value::String(String::new())),
        Just(Value::String("   ".into())),
        Just(Value::String("2026-02-30T00:00:00Z".into())),
        Just(Value::String("00000000-0000-0000-0000-000000000000".into())),
        Just(Value::String("cc6-mfa".into())),
    ];
    prop_oneof![
        6 => leaf.clone(),
        1 => Just(Value::Array(vec![])),
        1 => Just(Value::Object(Default::default())),
        1 => proptest::collection::vec(leaf, 0..4).prop_map(Value::Array),
    ]
}

pub fn edit() -> impl Strategy<Value = JsonEdit> {
    prop_oneof![
        4 => (any::<usize>(), value()).prop_map(|(i, v)| JsonEdit::Replace(i, v)),
        1 => (any::<usize>(), any::<usize>()).prop_map(|(i, j)| JsonEdit::CopyFrom(i, j)),
        2 => any::<usize>().prop_map(JsonEdit::Remove),
        1 => any::<usize>().prop_map(JsonEdit::DoubleItem),
    ]
}

fn parent_and_key(p: &str) -> (&str, String) {
    let (parent, key) = p.rsplit_once('/').unwrap_or(("", p));
    (parent, key.replace("~1", "/").replace("~0", "~"))
}

pub fn apply(seed: &Value, edits: &[JsonEdit]) -> Value {
    let mut v = seed.clone();
    for e in edits {
        let ptrs = pointers(&v);
        if ptrs.is_empty() {
            break;
        }
        let pick = |i: &usize| ptrs[i % ptrs.len()].clone();
        match e {
            JsonEdit::Replace(i, new) => {
                if let Some(node) = v.pointer_mut(&pick(i)) {
                    *node = new.clone();
                }
            }
            JsonEdit::CopyFrom(i, j) => {
                let from = v.pointer(&pick(j)).cloned();
                if let (Some(from), Some(node)) = (from, v.pointer_mut(&pick(i))) {
                    *node = from;
                }
            }
            JsonEdit::Remove(i) | JsonEdit::DoubleItem(i) => {
                let p = pick(i);
                let (parent, key) = parent_and_key(&p);
                match v.pointer_mut(parent) {
                    Some(Value::Object(m)) => {
                        if matches!(e, JsonEdit::Remove(_)) {
                            m.remove(&key);
                        }
                    }
                    Some(Value::Array(items)) => {
                        if let Ok(k) = key.parse::<usize>() {
                            if k < items.len() {
                                if matches!(e, JsonEdit::Remove(_)) {
                                    items.remove(k);
                                } else {
                                    let item = items[k].clone();
                                    items.insert(k, item);
                                }
                            }
                        }
                    }
                    _ => {}
                }
            }
        }
    }
    v
}

/// A valid document with one to four value-level edits, written back as text.
pub fn mutated(seed: &str) -> impl Strategy<Value = Vec<u8>> {
    let seed: Value = serde_json::from_str(seed).expect("the seed is JSON");
    proptest::collection::vec(edit(), 1..5).prop_map(move |edits| {
        serde_json::to_vec_pretty(&apply(&seed, &edits)).expect("a Value always serializes")
    })
}
