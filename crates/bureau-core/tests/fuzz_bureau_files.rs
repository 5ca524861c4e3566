//! Mutated bureau files (from the county and tiny samples): deleted keys, swapped types,
//! extreme numbers, hostile strings, deep nesting, duplicated ids. Parsing either succeeds or
//! names a place in the document; whatever deserialises, checked or not, goes through the
//! metrics, the checker, the rule results and the comparison without a panic, and what
//! parses is also solved under a short time limit.

use bureau_core::checker::check;
use bureau_core::comparison::{compare, ScenarioInput};
use bureau_core::optimiser::{solve, Mode, SolveRequest, SolveSettings};
use bureau_core::rule_results::evaluate;
use bureau_core::rules::default_rules;
use bureau_core::{compute_metrics, BureauFile};
use proptest::prelude::*;
use serde_json::{json, Value};

/// One mutation: which node (an index into the document's nodes), what to do, and a
/// parameter for the choice of value.
#[derive(Debug, Clone)]
struct Mutation {
    node: usize,
    kind: u8,
    pick: usize,
}

fn mutation() -> impl Strategy<Value = Mutation> {
    (any::<usize>(), 0u8..8, any::<usize>()).prop_map(|(node, kind, pick)| Mutation {
        node,
        kind,
        pick,
    })
}

const HOSTILE: [&str; 10] = [
    "",
    "   ",
    "=HYPERLINK(\"http://x\",\"y\")",
    "\u{0}\u{1b}[31m\u{7f}",
    "\u{fffe}\u{ffff}",
    "\u{202e}\u{200f}名",
    "<&]]>\"'",
    "1800-01",
    "9999-99",
    "NaN",
];

fn extreme(pick: usize) -> Value {
    match pick % 9 {
        0 => json!(0),
        1 => json!(-1),
        2 => json!(u32::MAX),
        3 => json!(u64::from(u32::MAX) + 1),
        4 => json!(1e300),
        5 => json!("NaN"),
        6 => json!(100_000),
        7 => json!(100_001),
        _ => json!(-1e-300),
    }
}

fn swapped(pick: usize) -> Value {
    match pick % 6 {
        0 => Value::Null,
        1 => json!(true),
        2 => json!(7),
        3 => json!("7"),
        4 => json!([]),
        _ => json!({}),
    }
}

/// JSON pointers of every node, in document order.
fn pointers(v: &Value, at: &str, out: &mut Vec<String>) {
    out.push(at.to_owned());
    match v {
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                pointers(item, &format!("{at}/{i}"), out);
            }
        }
        Value::Object(map) => {
            for (k, item) in map {
                pointers(
                    item,
                    &format!("{at}/{}", k.replace('~', "~0").replace('/', "~1")),
                    out,
                );
            }
        }
        _ => {}
    }
}

/// A string value already in the document (an id or a police number to duplicate).
fn some_string(doc: &Value, pick: usize) -> Value {
    let mut all = Vec::new();
    pointers(doc, "", &mut all);
    let strings: Vec<&Value> = all
        .iter()
        .filter_map(|p| doc.pointer(p))
        .filter(|v| v.is_string())
        .collect();
    strings
        .get(pick % strings.len().max(1))
        .map_or(Value::Null, |v| (*v).clone())
}

fn apply(mut doc: Value, m: &Mutation) -> Value {
    let mut all = Vec::new();
    pointers(&doc, "", &mut all);
    if matches!(m.kind, 2 | 3) {
        // Extreme numbers go where numbers are: the counts of units and rules.
        let numbers: Vec<String> = all
            .iter()
            .filter(|p| doc.pointer(p).is_some_and(Value::is_number))
            .cloned()
            .collect();
        if !numbers.is_empty() {
            all = numbers;
        }
    }
    let at = all[m.node % all.len()].clone();
    let duplicate = some_string(&doc, m.pick);
    if m.kind == 0 {
        // Delete the key (or array item).
        if let Some((parent, last)) = at.rsplit_once('/') {
            match doc.pointer_mut(parent) {
                Some(Value::Object(map)) => {
                    map.remove(&last.replace("~1", "/").replace("~0", "~"));
                }
                Some(Value::Array(items)) => {
                    if let Ok(i) = last.parse::<usize>() {
                        if i < items.len() {
                            items.remove(i);
                        }
                    }
                }
                _ => {}
            }
        }
        return doc;
    }
    let Some(node) = doc.pointer_mut(&at) else {
        return doc;
    };
    *node = match m.kind {
        1 => swapped(m.pick),
        2 | 3 => extreme(m.pick),
        4 => json!(HOSTILE[m.pick % HOSTILE.len()]),
        5 => json!("名".repeat(10_000)),
        6 => (0..200).fold(json!(1), |inner, _| json!([inner])),
        _ => duplicate,
    };
    doc
}

fn exercise(doc: &Value, solve_too: bool) {
    let text = doc.to_string();
    match BureauFile::parse(&text) {
        Ok(file) => run_all(file, solve_too),
        Err(e) => {
            assert!(!e.path.is_empty(), "an error with no place: {e:?}");
            assert!(
                e.path != "(document)" || e.line_column.is_some() || !e.expected.is_empty(),
                "{e:?}"
            );
            // What deserialises but fails the checks is what a stored bad value looks like.
            if let Ok(file) = serde_json::from_value::<BureauFile>(doc.clone()) {
                run_all(file, false);
            }
        }
    }
}

fn run_all(file: BureauFile, solve_too: bool) {
    let rules_in_file = file.rules.clone();
    let (bureau, structure, draft) = file.into_parts();
    let draft = draft.unwrap_or_default();
    let rules = rules_in_file.unwrap_or_else(|| default_rules(&bureau, &structure));
    compute_metrics(&bureau, &structure, &draft.assignment, &draft.community);
    check(&bureau, &structure, &rules, &draft.assignment, &draft);
    evaluate(&bureau, &structure, &rules, &draft.assignment, &draft);
    compare(
        &bureau,
        &[ScenarioInput {
            id: 1,
            name: "方案",
            structure: &structure,
            draft: &draft,
            rules: &rules,
        }],
    );
    if solve_too {
        let settings = SolveSettings {
            time_limit_seconds: 0.3,
            ..SolveSettings::default()
        };
        // An error from the solver is an answer too; only a panic fails.
        let _ = solve(&SolveRequest {
            bureau: &bureau,
            structure: &structure,
            rules: &rules,
            draft: &draft,
            mode: Mode::Plan,
            settings: &settings,
        });
    }
}

fn county() -> Value {
    serde_json::from_str(include_str!("../../../fixtures/county.json")).expect("county")
}

fn tiny() -> Value {
    serde_json::from_str(include_str!("../../../fixtures/tiny.json")).expect("tiny")
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn mutated_county_files_never_panic(edits in prop::collection::vec(mutation(), 1..4)) {
        let doc = edits.iter().fold(county(), apply);
        exercise(&doc, false);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 160, ..ProptestConfig::default() })]

    #[test]
    fn mutated_tiny_files_never_panic_even_when_solved(
        edits in prop::collection::vec(mutation(), 1..4)
    ) {
        let doc = edits.iter().fold(tiny(), apply);
        exercise(&doc, true);
    }
}

/// The mutant kind found by hand: the county with one count near `u32::MAX`.
#[test]
fn the_county_with_one_huge_number_is_refused_and_cannot_panic_when_stored() {
    let mut doc = county();
    doc["structure"]["units"][0]["head_posts"] = json!(u32::MAX - 1);
    let e = BureauFile::parse(&doc.to_string()).expect_err("refused");
    assert_eq!(e.path, "structure.units[0].head_posts");
    let file: BureauFile = serde_json::from_value(doc).expect("deserialises unchecked");
    run_all(file, true);
}
