//! The traffic squads' workload on a bureau that is not the sample (测试县公安局): squad figures
//! imported through the API (bad rows refused row by row, nothing changed), the squads'
//! staffing calculation the board reads, their settings per scenario, and their table in the
//! exports.

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

fn file(csv: &str) -> Value {
    json!({"bytes_base64": b64(csv.as_bytes()), "file_name": "中队.csv"})
}

const HEADER: &str = "交警中队,道路里程,年交通事故数,年交通警情数,机动车保有量\n";

#[test]
fn bad_squad_rows_are_refused_row_by_row_and_change_nothing() {
    let dir = tempfile::tempdir().expect("tmp");
    let api = api(&dir);
    let before = api.call("squad_workload", json!({})).expect("table");
    let csv = format!(
        "{HEADER}河东交警中队,180,-5,3100,38000\n\
         河西交警中队,420,150,很多,16000\n\
         不存在交警中队,10,1,1,1\n\
         柏树坪派出所,10,1,1,1\n\
         u17,0,1,1,1\n\
         u18,abc,1,1,2.5\n\
         河西交警中队,420,150,1400,16000\n\
         u18,420,150,1400,16000\n"
    );
    let preview = api
        .call("squads_import_preview", file(&csv))
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
            (2, "C (年交通事故数)".to_owned()),
            (3, "D (年交通警情数)".to_owned()),
            (4, "A (交警中队)".to_owned()),
            (5, "A (交警中队)".to_owned()),
            (6, "B (道路里程)".to_owned()),
            (7, "E (机动车保有量)".to_owned()),
            (7, "B (道路里程)".to_owned()),
            (9, "A (交警中队)".to_owned()),
        ],
        "{preview:#}"
    );
    let refused = api.call("import_squads", file(&csv)).expect_err("refused");
    assert_eq!(refused.code, bureau_api::ErrorCode::BadRequest);
    assert_eq!(
        api.call("squad_workload", json!({})).expect("table"),
        before
    );
}

#[test]
fn imported_squad_figures_drive_the_table_and_the_exports() {
    let dir = tempfile::tempdir().expect("tmp");
    let api = api(&dir);
    // The template reads back to the same figures.
    let template = unb64(&api.call("squads_template", json!({})).expect("template"));
    let preview = api
        .call(
            "squads_import_preview",
            json!({"bytes_base64": b64(&template), "file_name": "交警中队辖区情况表.xlsx"}),
        )
        .expect("preview");
    assert_eq!(preview["can_import"], true, "{preview:#}");
    let before = api.call("squad_workload", json!({})).expect("table");
    assert_eq!(before["has_figures"], true);
    assert_eq!(preview["squads"].as_array().map(Vec::len), Some(2));

    // Only 河西 given, ten times busier than 河东 was: 河东 goes without figures.
    let csv = format!("{HEADER}u18,4200,1500,14000,160000\n");
    let preview = api
        .call("squads_import_preview", file(&csv))
        .expect("preview");
    assert_eq!(preview["missing"], json!(["河东交警中队"]));
    let done = api.call("import_squads", file(&csv)).expect("import");
    assert_eq!(done["squads"], 1);
    let table = api.call("squad_workload", json!({})).expect("table");
    assert_ne!(table, before);
    let rows = table["rows"].as_array().expect("rows");
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0]["figures"], Value::Null);
    assert_eq!(rows[1]["share"], 1.0);
    let sum = |k: &str| -> u64 { rows.iter().map(|r| r[k].as_u64().expect(k)).sum() };
    assert_eq!(sum("demand"), table["total_after"].as_u64().expect("after"));
    assert_eq!(
        sum("demand"),
        table["total_demand"].as_u64().expect("demand")
    );
    assert_eq!(
        sum("before"),
        table["total_before"].as_u64().expect("before")
    );
    let deviation: u64 = rows
        .iter()
        .map(|r| r["gap"].as_i64().expect("gap").unsigned_abs())
        .sum();
    assert_eq!(deviation, table["total_deviation"].as_u64().expect("dev"));

    // The XLSX has the squads' sheet; the DOCX the squads' grid and sentence.
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
    assert!(book.contains("交警中队警力配置测算表"), "{book}");
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
    let at = |s: &str| xml.find(s).unwrap_or_else(|| panic!("{s} in the DOCX"));
    assert!(at("各派出所警力需求按辖区") < at("各交警中队警力需求按辖区道路里程30%"));
    assert!(at("派出所警力配置测算表") < at("里程贡献"));
    assert!(xml.contains("河西交警中队"));
    assert!(!xml.contains("青山"), "nothing of the sample leaks");
}

#[test]
fn squad_settings_are_kept_per_scenario_and_bounded() {
    let dir = tempfile::tempdir().expect("tmp");
    let api = api(&dir);
    let view = api.call("workload_settings", json!({})).expect("view");
    let squads = &view["squads"];
    assert_eq!(squads["has_rule"], true);
    assert_eq!(squads["has_figures"], true);
    assert_eq!(squads["weights"], squads["defaults"]);
    let before = api.call("squad_workload", json!({})).expect("table");
    let e = api
        .call(
            "set_workload_settings",
            json!({"weights": null, "squads": {"weights": {"vehicles": -1}}}),
        )
        .expect_err("refused");
    assert_eq!(e.code, bureau_api::ErrorCode::BadRequest);
    assert!(
        e.message.starts_with("squads.weights.vehicles"),
        "{}",
        e.message
    );
    assert_eq!(api.call("squad_workload", json!({})).expect("same"), before);

    // Accidents only, a floor of 4: the squads' table follows, the stations' weights stay.
    let accidents =
        json!({"road_km": 0.0, "accidents": 1.0, "traffic_calls": 0.0, "vehicles": 0.0});
    let station_weights = view["weights"].clone();
    let saved = api
        .call(
            "set_workload_settings",
            json!({"weights": station_weights, "squads": {"weights": accidents, "min_officers": 4}}),
        )
        .expect("saved");
    assert_eq!(saved["squads"]["weights"], accidents);
    assert_eq!(saved["squads"]["min_officers"], 4);
    assert_eq!(saved["weights"], view["weights"]);
    let table = api.call("squad_workload", json!({})).expect("table");
    assert_eq!(table["min_officers"], 4);
    for r in table["rows"].as_array().expect("rows") {
        assert_eq!(r["contributions"]["road_km"], 0.0);
        assert_eq!(r["contributions"]["accidents"], r["share"]);
    }
    // Saving the stations' settings alone leaves the squads' as they are.
    let again = api
        .call("set_workload_settings", json!({"weights": null}))
        .expect("saved");
    assert_eq!(again["squads"]["weights"], accidents);
    // Another scenario keeps the defaults.
    let other = api
        .call(
            "create_scenario",
            json!({"name": "方案二", "template": "1+3+4+1"}),
        )
        .expect("created");
    let v = api
        .call("workload_settings", json!({"scenario_id": other["id"]}))
        .expect("view");
    assert_eq!(v["squads"]["weights"], v["squads"]["defaults"]);
}
