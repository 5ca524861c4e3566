//! Hostile bureau files: counts near `u32::MAX`, unit chains thousands deep, control
//! characters, police numbers that differ only by spaces, births after the plan month. Each is
//! refused with its path; values that bypass the checks still cannot panic the metrics, the
//! checker or the optimiser, and a solve's time limit covers building its model.

use bureau_core::checker::check;
use bureau_core::comparison::{compare, ScenarioInput};
use bureau_core::limits::{MAX_COUNT, MAX_DEPTH};
use bureau_core::optimiser::{solve, Mode, SolveRequest, SolveSettings, SolveStatus};
use bureau_core::rule_results::evaluate;
use bureau_core::rules::default_rules;
use bureau_core::{compute_metrics, BureauFile, Unit};
use serde_json::{json, Value};

fn fixture(text: &str) -> Value {
    serde_json::from_str(text).expect("fixture is JSON")
}

fn county() -> Value {
    fixture(include_str!("../../../fixtures/county.json"))
}

fn tiny() -> Value {
    fixture(include_str!("../../../fixtures/tiny.json"))
}

fn refused(doc: &Value) -> bureau_core::BureauFileError {
    BureauFile::parse(&doc.to_string()).expect_err("must be refused")
}

#[test]
fn counts_near_u32_max_are_refused_with_path_and_limit() {
    let huge = json!(u32::MAX);
    for (pointer, path) in [
        ("/old_units/0/head_posts", "old_units[0].head_posts"),
        (
            "/old_units/3/officer_establishment",
            "old_units[3].officer_establishment",
        ),
        (
            "/structure/units/2/auxiliary_establishment",
            "structure.units[2].auxiliary_establishment",
        ),
        (
            "/structure/units/1/deputy_posts",
            "structure.units[1].deputy_posts",
        ),
    ] {
        let mut doc = county();
        *doc.pointer_mut(pointer).expect(pointer) = huge.clone();
        let e = refused(&doc);
        assert_eq!(e.path, path);
        assert_eq!(
            e.expected,
            format!("a count of at most {MAX_COUNT}, found {}", u32::MAX)
        );
    }
    let mut doc = county();
    let station = doc["old_units"]
        .as_array()
        .and_then(|units| units.iter().position(|u| u["kind"] == "police_station"))
        .expect("a station");
    doc["old_units"][station]["grids"] = json!(MAX_COUNT + 1);
    assert_eq!(refused(&doc).path, format!("old_units[{station}].grids"));

    // The limit itself is accepted.
    let mut doc = county();
    doc["old_units"][0]["head_posts"] = json!(MAX_COUNT);
    BureauFile::parse(&doc.to_string()).expect("the maximum itself is fine");

    // Counts in rules are bounded the same way.
    let mut doc = tiny();
    doc["rules"] =
        json!([{ "id": "cap", "kind": { "type": "move_cap", "max": u32::MAX }, "hard": true }]);
    let e = refused(&doc);
    assert_eq!(e.path, "rules[0].kind.max");
    assert!(e.expected.contains(&MAX_COUNT.to_string()), "{e}");
    doc["rules"] = json!([{ "id": "old", "kind": { "type": "seniors_to_grassroots", "age": 4_000_000_000u32 }, "hard": false }]);
    assert_eq!(refused(&doc).path, "rules[0].kind.age");
}

/// The county with every count of every unit at `u32::MAX`, as a stored value that never met
/// the file's checks: metrics, checker, rule results, comparison and solve answer, no panic.
#[test]
fn counts_that_bypass_the_checks_cannot_panic_metrics_check_or_solve() {
    let text = include_str!("../../../fixtures/county.json");
    let file: BureauFile = serde_json::from_str(text).expect("county deserialises");
    let (mut bureau, mut structure, draft) = file.into_parts();
    let draft = draft.unwrap_or_default();
    let blow_up = |u: &mut Unit| {
        u.officer_establishment = u32::MAX;
        u.auxiliary_establishment = u32::MAX;
        u.head_posts = u32::MAX;
        u.deputy_posts = u32::MAX;
        u.grids = if u.is_station() { u32::MAX } else { 0 };
    };
    bureau.old_units.iter_mut().for_each(blow_up);
    structure.units.iter_mut().for_each(blow_up);
    // Fewer posts after than before: the checker's and the model's totals must still hold.
    for u in &mut structure.units {
        u.head_posts = 0;
        u.deputy_posts = 0;
    }

    let rules = default_rules(&bureau, &structure);
    let m = compute_metrics(&bureau, &structure, &draft.assignment, &draft.community);
    assert_eq!(m.before.head_posts, u32::MAX, "saturated, not wrapped");
    let violations = check(&bureau, &structure, &rules, &draft.assignment, &draft);
    assert!(violations.iter().any(|v| v.rule_id == "total_posts_kept"));
    let results = evaluate(&bureau, &structure, &rules, &draft.assignment, &draft);
    assert_eq!(
        results.len(),
        rules.len() + usize::from(!draft.pins.is_empty())
    );
    let cmp = compare(
        &bureau,
        &[ScenarioInput {
            id: 1,
            name: "方案",
            structure: &structure,
            draft: &draft,
            rules: &rules,
        }],
    );
    assert_eq!(cmp.kpis[0].posts_before, u32::MAX, "saturated, not wrapped");
    let settings = SolveSettings {
        time_limit_seconds: 5.0,
        ..SolveSettings::default()
    };
    let out = solve(&SolveRequest {
        bureau: &bureau,
        structure: &structure,
        rules: &rules,
        draft: &draft,
        mode: Mode::Plan,
        settings: &settings,
    })
    .expect("the solver runs");
    assert_eq!(out.status, SolveStatus::Infeasible, "{:?}", out.diagnosis);
    assert!(out
        .diagnosis
        .iter()
        .any(|d| d.rule_id == "total_posts_kept"));
}

/// Tiny with `depth` nested sub-units under its first new unit.
fn with_chain(depth: usize) -> Value {
    let mut doc = tiny();
    let units = doc["structure"]["units"].as_array_mut().expect("units");
    let top = units[0]["id"].as_str().expect("id").to_owned();
    let mut parent = top;
    for i in 1..depth {
        let id = format!("chain-{i}");
        units.push(json!({
            "id": id, "name": format!("第{i}层"), "kind": "sub_unit", "tier": "office",
            "parent": parent, "officer_establishment": 0, "auxiliary_establishment": 0,
            "head_posts": 0, "deputy_posts": 0
        }));
        parent = id;
    }
    doc
}

#[test]
fn a_unit_tree_deeper_than_the_limit_is_refused_naming_the_chain() {
    BureauFile::parse(&with_chain(MAX_DEPTH).to_string()).expect("the limit itself is fine");

    let e = refused(&with_chain(MAX_DEPTH + 1));
    let first_chain = tiny()["structure"]["units"]
        .as_array()
        .map(Vec::len)
        .expect("units");
    assert_eq!(
        e.path,
        format!("structure.units[{}].parent", first_chain + MAX_DEPTH - 1)
    );
    assert!(
        e.expected
            .starts_with(&format!("a unit tree at most {MAX_DEPTH} levels deep")),
        "{e}"
    );
    assert!(e.expected.contains("\"第8层\""), "{e}");
    assert!(!e.expected.contains('…'), "the whole chain is shown: {e}");

    // Two thousand levels: refused at the first unit too deep, the chain cut short.
    let e = refused(&with_chain(2_000));
    assert_eq!(
        e.path,
        format!("structure.units[{}].parent", first_chain + MAX_DEPTH - 1)
    );
    assert!(e.expected.contains("\"第8层\""), "{e}");

    // A cycle longer than the depth limit is still called a cycle.
    let mut doc = with_chain(20);
    let units = doc["structure"]["units"].as_array_mut().expect("units");
    units[0]["parent"] = json!("chain-19");
    assert_eq!(refused(&doc).expected, "a parent chain without cycles");
}

/// A 2,000-deep chain that never met the checks: the solve stops at its time limit while
/// building the model instead of running for minutes.
#[test]
fn a_deep_chain_that_bypasses_the_checks_stops_at_the_time_limit() {
    let file: BureauFile =
        serde_json::from_value(with_chain(2_000)).expect("deserialises unchecked");
    let (bureau, structure, draft) = file.into_parts();
    let draft = draft.unwrap_or_default();
    let rules = default_rules(&bureau, &structure);
    let settings = SolveSettings {
        time_limit_seconds: 0.5,
        ..SolveSettings::default()
    };
    let out = solve(&SolveRequest {
        bureau: &bureau,
        structure: &structure,
        rules: &rules,
        draft: &draft,
        mode: Mode::Plan,
        settings: &settings,
    })
    .expect("the solver runs");
    assert_eq!(out.status, SolveStatus::TimeLimit);
    assert_eq!(out.diagnosis[0].rule_id, "time_limit");
}

/// The city sample (6,000 people) cannot be modelled in a millisecond: the outcome is the
/// time limit, reached while building, not a plan found later.
#[test]
fn the_time_limit_covers_model_building() {
    let file = BureauFile::parse(include_str!("../../../fixtures/city.json")).expect("city");
    let (bureau, structure, draft) = file.into_parts();
    let draft = draft.unwrap_or_default();
    let rules = default_rules(&bureau, &structure);
    let settings = SolveSettings {
        time_limit_seconds: 0.001,
        ..SolveSettings::default()
    };
    let out = solve(&SolveRequest {
        bureau: &bureau,
        structure: &structure,
        rules: &rules,
        draft: &draft,
        mode: Mode::Plan,
        settings: &settings,
    })
    .expect("the solver runs");
    assert_eq!(out.status, SolveStatus::TimeLimit);
    assert!(out.objective.is_none() && out.assignment.is_empty());
    assert_eq!(out.diagnosis.len(), 1);
    assert_eq!(out.diagnosis[0].rule_id, "time_limit");
    assert!(out.diagnosis[0]
        .message_en
        .contains("model could not be built"));
}

#[test]
fn control_characters_are_refused_with_their_path() {
    let cases: [(&str, Value, &str, &str); 9] = [
        (
            "/bureau/name",
            json!("样例\u{0}县"),
            "bureau.name",
            "control character U+0000 not allowed",
        ),
        (
            "/people/1/name",
            json!("王\u{1b}[31m芳"),
            "people[1].name",
            "control character U+001B not allowed",
        ),
        (
            "/old_units/0/name",
            json!("办公室\u{fffe}"),
            "old_units[0].name",
            "non-character U+FFFE not allowed",
        ),
        (
            "/structure/units/0/name",
            json!("部\u{7f}"),
            "structure.units[0].name",
            "control character U+007F not allowed",
        ),
        (
            "/people/0/specialities/0",
            json!("综\u{ffff}合"),
            "people[0].specialities[0]",
            "non-character U+FFFF not allowed",
        ),
        (
            "/people/0/rank",
            json!("一级\t警长"),
            "people[0].rank",
            "control character U+0009 not allowed",
        ),
        (
            "/structure/name",
            json!("1+5\n"),
            "structure.name",
            "control character U+000A not allowed",
        ),
        (
            "/bureau/background",
            json!("第一段\u{8}"),
            "bureau.background",
            "control character U+0008 not allowed",
        ),
        (
            "/people/2/police_number",
            json!("1000\u{1f}03"),
            "people[2].police_number",
            "control character U+001F not allowed",
        ),
    ];
    for (pointer, value, path, expected) in cases {
        let mut doc = tiny();
        let (parent, key) = pointer.rsplit_once('/').expect("a pointer");
        match doc.pointer_mut(parent).expect(parent) {
            Value::Array(items) => items[key.parse::<usize>().expect("an index")] = value,
            other => other[key] = value,
        }
        let e = refused(&doc);
        assert_eq!(
            (e.path.as_str(), e.expected.as_str()),
            (path, expected),
            "{pointer}"
        );
    }
    // Map keys are text too.
    let mut doc = tiny();
    doc["draft"] = json!({ "assignment": { "10\u{0}01": "x" } });
    let e = refused(&doc);
    assert_eq!(e.path, "draft.assignment[\"10\\001\"]");

    // The background is multi-line text: tabs and line breaks are its own.
    let mut doc = tiny();
    doc["bureau"]["background"] = json!("第一段。\r\n\t第二段。\n");
    BureauFile::parse(&doc.to_string()).expect("line breaks in the background are fine");
    // Right-to-left marks and other format characters are text, not controls.
    doc["people"][0]["name"] = json!("\u{202e}张伟\u{200f}");
    BureauFile::parse(&doc.to_string()).expect("format characters are fine");
}

#[test]
fn police_numbers_differing_only_by_spaces_are_duplicates() {
    let mut doc = tiny();
    let first = doc["people"][0]["police_number"]
        .as_str()
        .expect("number")
        .to_owned();
    doc["people"][3]["police_number"] = json!(format!(" {first} "));
    let e = refused(&doc);
    assert_eq!(e.path, "people[3].police_number");
    assert!(e.expected.contains("people[0]"), "{e}");
    assert!(e.expected.contains(&format!("\" {first} \"")), "{e}");
}

#[test]
fn a_birth_after_the_plan_month_is_refused() {
    let mut doc = tiny();
    doc["bureau"]["as_of"] = json!("2026-12");
    doc["people"][2]["birth"] = json!("2027-01");
    let e = refused(&doc);
    assert_eq!(e.path, "people[2].birth");
    assert_eq!(
        e.expected,
        "a birth month before the plan's month 2026-12 (bureau.as_of), found 2027-01"
    );
    doc["people"][2]["birth"] = json!("2026-12");
    BureauFile::parse(&doc.to_string()).expect("born in the plan month itself is accepted");
}

#[test]
fn a_year_out_of_range_is_called_that() {
    let mut doc = tiny();
    doc["people"][1]["birth"] = json!("1800-01");
    let e = refused(&doc);
    assert_eq!(e.path, "people[1].birth");
    assert!(e.expected.contains("year out of range"), "{e}");
    assert!(!e.expected.contains("YYYY-MM"), "{e}");
}

#[test]
fn too_many_units_are_refused() {
    let mut doc = tiny();
    let unit = doc["old_units"][0].clone();
    let units: Vec<Value> = (0..=bureau_core::limits::MAX_UNITS)
        .map(|i| {
            let mut u = unit.clone();
            u["id"] = json!(format!("u{i}"));
            u
        })
        .collect();
    doc["old_units"] = Value::Array(units);
    let e = refused(&doc);
    assert_eq!(e.path, "old_units");
    assert!(e.expected.starts_with("at most 10000 units"), "{e}");
}
