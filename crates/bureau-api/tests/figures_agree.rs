//! Each figure a director reads is computed once (the solve proposal's metrics) and must appear,
//! unchanged, in every output: the gauges' `metrics`, the compare view's `compare`, the XLSX and
//! the DOCX (the XLSX and the DOCX also by each person's 方式 in their transfer lists). On the county sample with
//! both templates, and on the city sample. The same holds for the reasons of the moves: the
//! proposal's, the adjustment list's and the document's.

use std::collections::BTreeMap;
use std::io::{Cursor, Read};

use base64::Engine;
use bureau_api::Api;
use bureau_core::metrics::establishment;
use bureau_core::move_reasons::MoveReason;
use bureau_core::{BureauFile, Structure};
use bureau_storage::Workspace;
use calamine::{Data, Reader, Xlsx};
use serde_json::{json, Value};

fn exported(api: &Api, id: i64, format: &str) -> Vec<u8> {
    let out = api
        .call(
            "export_document",
            json!({"scenario_id": id, "format": format}),
        )
        .expect("export");
    base64::engine::general_purpose::STANDARD
        .decode(out["bytes_base64"].as_str().expect("bytes"))
        .expect("base64")
}

fn docx_text(bytes: &[u8]) -> String {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).expect("zip");
    let mut xml = String::new();
    zip.by_name("word/document.xml")
        .expect("document.xml")
        .read_to_string(&mut xml)
        .expect("utf-8");
    xml
}

fn cell_text(d: &Data) -> String {
    match d {
        Data::Float(f) => format!("{f}"),
        Data::Int(i) => i.to_string(),
        other => other.to_string(),
    }
}

/// The row of `sheet` whose first cell is `label`, as text.
fn sheet_row(book: &mut Xlsx<Cursor<Vec<u8>>>, sheet: &str, label: &str) -> Vec<String> {
    let range = book.worksheet_range(sheet).expect("sheet");
    range
        .rows()
        .find(|r| r.first().is_some_and(|c| cell_text(c) == label))
        .unwrap_or_else(|| panic!("{sheet}: no row {label}"))
        .iter()
        .map(cell_text)
        .collect()
}

fn check(file: &BureauFile, template: Option<&str>, absent_name: &str) {
    let dir = tempfile::tempdir().expect("tempdir");
    let api =
        Api::new(Workspace::create(&dir.path().join("w.bpw"), file, "方案一").expect("create"));
    // The scenario under test (a new one from `template`, else the sample's own) and another
    // one for the compare view.
    let info = api.call("workspace_info", json!({})).expect("info");
    let first = info["scenarios"][0].clone();
    let created = api
        .call(
            "create_scenario",
            json!({"name": "比较方案", "template": template.unwrap_or("blank")}),
        )
        .expect("scenario");
    let (s, other) = match template {
        Some(_) => (created, first),
        None => (first, created),
    };
    let id = s["id"].as_i64().expect("id");
    let template = template.unwrap_or("sample");
    // The solve proposal: its figures are the reference, computed once.
    let plan = api
        .call("solve", json!({"scenario_id": id}))
        .expect("solve");
    assert_eq!(
        plan["status"], "optimal",
        "{template}: {}",
        plan["diagnosis"]
    );
    let f = plan["metrics"].clone();
    let moved = f["moved"].as_u64().expect("moved");
    assert!(moved > 0, "{template}: the solve moves nobody");
    assert_eq!(
        plan["moves"].as_array().expect("moves").len() as u64,
        moved,
        "{template}: the proposal lists other people than it counts"
    );
    let changes: Vec<Value> = plan["assignment"]
        .as_object()
        .expect("assignment")
        .iter()
        .map(|(p, u)| json!({"police_number": p, "to": u}))
        .collect();
    api.call(
        "apply_changes",
        json!({"scenario_id": id, "changes": changes, "label": "accept"}),
    )
    .expect("accept");

    // The gauges.
    let gauges = api
        .call("metrics", json!({"scenario_id": id}))
        .expect("metrics");
    for k in [
        "moved",
        "moved_down",
        "moved_within",
        "wishes_met",
        "wishes_stated",
        "office_departments",
        "grassroots_units",
    ] {
        assert_eq!(gauges[k], f[k], "{template}: metrics.{k}");
    }

    // 内设机构数 counts office departments, not stations, and the structure's name is its own.
    let view = api
        .call("structure", json!({"scenario_id": id}))
        .expect("structure");
    let structure: Structure =
        serde_json::from_value(view["structure"].clone()).expect("structure");
    let office = structure
        .units
        .iter()
        .filter(|u| u.parent.is_none() && u.tier == bureau_core::Tier::Office)
        .count() as u64;
    assert_eq!(f["office_departments"], office, "{template}");

    // The compare view, beside the workspace's first scenario.
    let cmp = api
        .call("compare", json!({"scenario_ids": [id, other["id"]]}))
        .expect("compare");
    let k = &cmp["kpis"][0];
    assert_eq!(
        k["units"], f["office_departments"],
        "{template}: compare units"
    );
    for key in [
        "moved",
        "moved_down",
        "moved_within",
        "wishes_met",
        "wishes_stated",
    ] {
        assert_eq!(k[key], f[key], "{template}: compare {key}");
    }

    // The XLSX.
    let xlsx = exported(&api, id, "xlsx");
    let mut book: Xlsx<_> = Xlsx::new(Cursor::new(xlsx)).expect("xlsx");
    for (label, key) in [
        ("调整人数", "moved"),
        ("部门内部调配人数", "moved_within"),
        ("满足本人意愿人数", "wishes_met"),
        ("提出本人意愿人数", "wishes_stated"),
        ("内设机构数", "office_departments"),
    ] {
        let row = sheet_row(&mut book, "总体对比", label);
        assert_eq!(row[2], f[key].to_string(), "{template}: xlsx {label}");
    }
    // Reasons: the proposal's moves by reason are the adjustment list's reason column.
    let mut by_reason: BTreeMap<&str, usize> = BTreeMap::new();
    for m in plan["moves"].as_array().expect("moves") {
        let r: MoveReason = serde_json::from_value(m["reason"].clone()).expect("a reason");
        *by_reason.entry(r.zh()).or_default() += 1;
    }
    assert_eq!(by_reason.values().sum::<usize>() as u64, moved);
    let sheet = book.worksheet_range("人员调整").expect("adjustment sheet");
    let rows: Vec<Vec<String>> = sheet
        .rows()
        .map(|r| r.iter().map(cell_text).collect())
        .collect();
    let header = rows
        .iter()
        .position(|r| r.iter().any(|c| c == "调整原因"))
        .expect("reason column");
    let column = rows[header]
        .iter()
        .position(|c| c == "调整原因")
        .expect("reason column");
    let mut listed: BTreeMap<&str, usize> = BTreeMap::new();
    for row in rows[header + 1..].iter().filter(|r| !r[0].is_empty()) {
        let label = MoveReason::ALL
            .into_iter()
            .map(MoveReason::zh)
            .find(|l| *l == row[column])
            .unwrap_or_else(|| panic!("{template}: unknown reason {:?}", row[column]));
        *listed.entry(label).or_default() += 1;
    }
    assert_eq!(listed, by_reason, "{template}: xlsx reasons");

    // A department's 编制 is its own or the sum of its sub-units', never 0 beside its people.
    let mut departments_with_rooms = 0;
    for u in structure.units.iter().filter(|u| u.parent.is_none()) {
        let (officers, auxiliaries) = establishment(&structure.units, &u.id);
        if structure
            .units
            .iter()
            .any(|c| c.parent.as_deref() == Some(u.id.as_str()))
        {
            departments_with_rooms += 1;
            assert!(officers > 0, "{template}: {} has no 编制", u.name);
        }
        let row = sheet_row(&mut book, "改革后各单位", &u.name);
        assert_eq!(
            row[3],
            officers.to_string(),
            "{template}: {} 民警编制",
            u.name
        );
        assert_eq!(
            row[5],
            auxiliaries.to_string(),
            "{template}: {} 辅警编制",
            u.name
        );
    }
    assert!(
        departments_with_rooms > 0,
        "{template}: no department has rooms"
    );
    // Each person's 方式 in the 全员转隶名单, counted, and the summary beside it.
    let moved_down = f["moved_down"].as_u64().expect("moved_down");
    let moved_within = f["moved_within"].as_u64().expect("moved_within");
    let roster = book.worksheet_range("全员转隶名单").expect("roster");
    let ways: Vec<String> = roster.rows().skip(2).map(|r| cell_text(&r[6])).collect();
    let counted = |way: &str| ways.iter().filter(|w| *w == way).count() as u64;
    for (way, n) in [
        ("下沉", moved_down),
        ("调整", moved - moved_down),
        ("内部调配", moved_within),
    ] {
        assert_eq!(counted(way), n, "{template}: 全员转隶名单 {way}");
        let row = sheet_row(&mut book, "转隶方式汇总", way);
        assert_eq!(row[1], n.to_string(), "{template}: 转隶方式汇总 {way}");
    }

    // The DOCX.
    let doc = docx_text(&exported(&api, id, "docx"));
    let name = &structure.name;
    for needle in [
        format!(
            "按照“{name}”架构，改革后设内设机构{}个、基层所队{}个",
            f["office_departments"], f["grassroots_units"]
        ),
        format!(
            "本方案共调整{moved}人（调整至原单位对应部门以外的人员），其中机关民警下沉基层所队{}人",
            f["moved_down"]
        ),
        format!("另有{}人在原单位对应部门内部调配", f["moved_within"]),
        format!(
            "提出本人意愿的{}人中，{}人安排至本人意愿部门",
            f["wishes_stated"], f["wishes_met"]
        ),
    ] {
        assert!(doc.contains(&needle), "{template}: the DOCX lacks {needle}");
    }
    // The paper counts the moves by reason in its text, in the core's order, and names each
    // mover's reason in the 人员转隶名单 (one cell each).
    let counted: Vec<String> = MoveReason::ALL
        .into_iter()
        .filter_map(|r| by_reason.get(r.zh()).map(|n| format!("{}{n}人", r.zh())))
        .collect();
    let paragraph = format!("按调整原因统计：{}。", counted.join("，"));
    assert!(
        doc.contains(&paragraph),
        "{template}: the DOCX lacks {paragraph}"
    );
    for (reason, n) in &by_reason {
        let cells = doc.matches(&format!(">{reason}</w:t>")).count();
        assert_eq!(cells, *n, "{template}: DOCX cells of {reason}");
    }
    // Each person's 方式 in the paper's 人员转隶名单 is the one its text counts.
    for (way, n) in [
        ("下沉", moved_down),
        ("调整", moved - moved_down),
        ("内部调配", moved_within),
    ] {
        let cells = doc.matches(&format!(">{way}</w:t>")).count() as u64;
        assert_eq!(cells, n, "{template}: DOCX 人员转隶名单 {way}");
    }
    assert!(
        !doc.contains(absent_name),
        "{template}: the DOCX names another structure, {absent_name}"
    );
}

#[test]
fn county_figures_agree_in_every_output_for_both_templates() {
    let county = bureau_samples::county();
    check(&county, Some("1+5(+N)+1"), "1+3+4+1");
    check(&county, Some("1+3+4+1"), "1+5(+N)+1");
}

#[test]
fn city_figures_agree_in_every_output() {
    check(&bureau_samples::city(), None, "1+3+4+1");
}
