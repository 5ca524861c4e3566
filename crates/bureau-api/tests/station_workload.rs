//! The workload on a bureau that is not the sample (测试县公安局): station figures imported
//! through the API (bad rows refused row by row, nothing changed), the staffing calculation
//! the board reads, a solve that follows it, and the attachment in the exports.

use std::io::{Cursor, Read};

use base64::Engine;
use bureau_api::Api;
use bureau_core::templates::{apply, Template};
use bureau_core::BureauFile;
use bureau_samples::test_county;
use bureau_storage::Workspace;
use serde_json::{json, Value};

fn api(dir: &tempfile::TempDir) -> Api {
    let bureau = test_county();
    let (structure, draft) = apply(Template::OnePlusFive, &bureau);
    let file = BureauFile::new(bureau, structure, Some(draft));
    Api::new(Workspace::create(&dir.path().join("w.bpw"), &file, "方案一").expect("create"))
}

fn b64(bytes: &[u8]) -> String {
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

fn unb64(v: &Value) -> Vec<u8> {
    base64::engine::general_purpose::STANDARD
        .decode(v["bytes_base64"].as_str().expect("bytes"))
        .expect("base64")
}

const HEADER: &str = "派出所,常住人口,户籍人口,辖区面积,行政村/社区数,年接处警数,年刑事案件数,年治安案件数,交通地形系数\n";

#[test]
fn bad_rows_are_refused_row_by_row_and_change_nothing() {
    let dir = tempfile::tempdir().expect("tmp");
    let api = api(&dir);
    let before = api.call("station_workload", json!({})).expect("table");
    let csv = format!(
        "{HEADER}柏树坪派出所,-5,,38.5,24,5200,410,690,\n\
         雁门派出所,31000,,120,22,很多,170,300,\n\
         不存在派出所,1000,,10,1,10,1,1,\n\
         刑侦大队,1000,,10,1,10,1,1,\n\
         乌江派出所,24000,,0,20,1500,95,180,1.2\n\
         金沙派出所,18500,,310,18,1100,70,120,20\n\
         岩口派出所,12000,,480,16,640,38,75,1.5\n\
         岩口派出所,12000,,480,16,640,38,75,1.5\n"
    );
    let preview = api
        .call(
            "stations_import_preview",
            json!({"bytes_base64": b64(csv.as_bytes()), "file_name": "辖区.csv"}),
        )
        .expect("preview");
    assert_eq!(preview["can_import"], false);
    let problems: Vec<(u64, String)> = preview["problems"]
        .as_array()
        .expect("problems")
        .iter()
        .map(|p| {
            (
                p["row"].as_u64().expect("row"),
                p["column"].as_str().unwrap_or("").to_owned(),
            )
        })
        .collect();
    assert_eq!(
        problems,
        vec![
            (2, "B (常住人口)".to_owned()),
            (3, "F (年接处警数)".to_owned()),
            (4, "A (派出所)".to_owned()),
            (5, "A (派出所)".to_owned()),
            (6, "D (辖区面积)".to_owned()),
            (7, "I (交通地形系数)".to_owned()),
            (9, "A (派出所)".to_owned()),
        ],
        "{preview:#}"
    );
    let refused = api
        .call(
            "import_stations",
            json!({"bytes_base64": b64(csv.as_bytes()), "file_name": "辖区.csv"}),
        )
        .expect_err("refused");
    assert_eq!(refused.code, bureau_api::ErrorCode::BadRequest);
    assert_eq!(
        api.call("station_workload", json!({})).expect("table"),
        before
    );
}

#[test]
fn imported_figures_drive_the_demand_the_solve_and_the_attachment() {
    let dir = tempfile::tempdir().expect("tmp");
    let api = api(&dir);
    // The template written by the API reads back to the same figures.
    let template = unb64(&api.call("stations_template", json!({})).expect("template"));
    let preview = api
        .call(
            "stations_import_preview",
            json!({"bytes_base64": b64(&template), "file_name": "派出所辖区情况表.xlsx"}),
        )
        .expect("preview");
    assert_eq!(preview["can_import"], true, "{preview:#}");
    assert_eq!(preview["stations"].as_array().map(Vec::len), Some(6));
    // Town twice as busy: the import changes the calculation.
    let csv = format!(
        "{HEADER}柏树坪派出所,104000,,38.5,24,10400,820,1380,\n\
         雁门派出所,31000,,120,22,2300,170,300,\n\
         u13,24000,,260,20,1500,95,180,1.2\n\
         金沙派出所,18500,,310,18,1100,70,120,1.3\n\
         岩口派出所,12000,,480,16,640,38,75,1.5\n\
         鹤鸣派出所,15500,,405.5,20,820,52,96,1.4\n"
    );
    let done = api
        .call(
            "import_stations",
            json!({"bytes_base64": b64(csv.as_bytes()), "file_name": "辖区.csv"}),
        )
        .expect("import");
    assert_eq!(done["stations"], 6);
    let table = api.call("station_workload", json!({})).expect("table");
    assert_eq!(table["has_figures"], true);
    let rows = table["rows"].as_array().expect("rows");
    assert_eq!(rows.len(), 6);
    let demand: u64 = rows.iter().map(|r| r["demand"].as_u64().expect("d")).sum();
    assert_eq!(demand, table["total_after"].as_u64().expect("after"));
    let first = rows[0]["share"].as_f64().expect("share");
    assert!(rows
        .iter()
        .all(|r| r["share"].as_f64().expect("s") <= first));
    // The default rules now hold the workload rule, soft.
    let rules = api.call("rules", json!({})).expect("rules");
    let rule = rules
        .as_array()
        .expect("rules")
        .iter()
        .map(|v| v["rule"].clone())
        .find(|r| r["id"] == "station_workload")
        .expect("station_workload among the defaults");
    assert_eq!(rule["hard"], false);
    // The attachment in the XLSX and the DOCX.
    let xlsx = unb64(
        &api.call("export_document", json!({"format": "xlsx"}))
            .expect("xlsx"),
    );
    let mut zip = zip::ZipArchive::new(Cursor::new(&xlsx)).expect("zip");
    let mut book = String::new();
    zip.by_name("xl/workbook.xml")
        .expect("workbook")
        .read_to_string(&mut book)
        .expect("utf-8");
    assert!(book.contains("派出所警力配置测算表"), "{book}");
    let docx = unb64(
        &api.call("export_document", json!({"format": "docx"}))
            .expect("docx"),
    );
    let mut zip = zip::ZipArchive::new(Cursor::new(&docx)).expect("zip");
    let mut xml = String::new();
    zip.by_name("word/document.xml")
        .expect("document")
        .read_to_string(&mut xml)
        .expect("utf-8");
    // The sixth attachment, after 政策指标核对表, and the method in 警力配置 pointing to it.
    let at = |s: &str| xml.find(s).unwrap_or_else(|| panic!("{s} in the DOCX"));
    assert!(at("政策指标核对表") < at("派出所警力配置测算表"));
    assert!(xml.contains("各派出所警力需求按辖区"));
    assert!(xml.contains("测算结果见附件6。"));
    assert!(xml.contains("柏树坪派出所"));
    assert!(!xml.contains("青山"), "nothing of the sample leaks");
}

#[test]
fn workload_settings_are_kept_per_scenario_audited_and_bounded() {
    let dir = tempfile::tempdir().expect("tmp");
    let api = api(&dir);
    let id = api.call("workspace_info", Value::Null).expect("info")["current_scenario"].clone();
    let view = api.call("workload_settings", json!({})).expect("view");
    assert_eq!(view["has_rule"], true);
    assert_eq!(view["has_figures"], true);
    assert_eq!(view["weights"], view["defaults"]);
    let before = api.call("station_workload", json!({})).expect("table");

    // Out of bounds or all zero: refused naming the weight, nothing changes.
    let zero = json!({"population": 0, "calls": 0, "criminal_cases": 0,
        "public_order_cases": 0, "area": 0, "villages": 0});
    for (weights, field) in [
        (json!({"calls": -1}), "weights.calls"),
        (json!({"area": 5000}), "weights.area"),
        (zero, "weights.population"),
    ] {
        let e = api
            .call("set_workload_settings", json!({"weights": weights}))
            .expect_err("refused");
        assert_eq!(e.code, bureau_api::ErrorCode::BadRequest);
        assert!(e.message.starts_with(field), "{}", e.message);
    }
    let e = api
        .call(
            "set_workload_settings",
            json!({"weights": null, "min_officers": 100_001}),
        )
        .expect_err("floor refused");
    assert_eq!(e.code, bureau_api::ErrorCode::BadRequest);
    assert_eq!(
        api.call("station_workload", json!({})).expect("table"),
        before
    );

    // Calls only, and a floor of 5: the calculation follows, the rule holds them, audited.
    let calls_only = json!({"population": 0.0, "calls": 1.0, "criminal_cases": 0.0,
        "public_order_cases": 0.0, "area": 0.0, "villages": 0.0});
    let saved = api
        .call(
            "set_workload_settings",
            json!({"scenario_id": id, "weights": calls_only, "min_officers": 5}),
        )
        .expect("saved");
    assert_eq!(saved["weights"], calls_only);
    assert_eq!(saved["min_officers"], 5);
    let table = api.call("station_workload", json!({})).expect("table");
    assert_eq!(table["weights"], calls_only);
    assert_eq!(table["min_officers"], 5);
    let rows = table["rows"].as_array().expect("rows");
    for r in rows {
        let c = &r["contributions"];
        assert_eq!(c["population"], 0.0);
        assert_eq!(c["calls"], r["share"]);
        assert!(r["demand"].as_u64().expect("demand") >= 5, "{r:#}");
    }
    assert_ne!(table, before);
    let history = api
        .call("history", json!({"scenario_id": id}))
        .expect("history");
    assert_eq!(history[0]["action"], "rules");

    // Another scenario keeps its own: the defaults.
    let other = api
        .call(
            "create_scenario",
            json!({"name": "方案二", "template": "1+3+4+1"}),
        )
        .expect("created");
    let v = api
        .call("workload_settings", json!({"scenario_id": other["id"]}))
        .expect("view");
    assert_eq!(v["weights"], v["defaults"]);
    assert_eq!(v["min_officers"], 3);

    // Approved: read-only.
    for status in ["review", "approved"] {
        api.call(
            "set_scenario_status",
            json!({"scenario_id": id, "status": status}),
        )
        .expect("status");
    }
    let e = api
        .call(
            "set_workload_settings",
            json!({"scenario_id": id, "weights": null}),
        )
        .expect_err("read only");
    assert_eq!(e.code, bureau_api::ErrorCode::ReadOnly);
}
