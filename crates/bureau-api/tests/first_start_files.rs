//! First start without a workspace, on 测试县公安局 (not the sample): the wizard's files checked
//! as structured problems (step, code, row, column) without creating anything, and a workspace
//! created from a bureau file's bytes — all or nothing, with the file and the place in it named.

use base64::Engine as _;
use bureau_api::{Api, ErrorCode};
use bureau_core::templates::{apply, Template};
use bureau_core::BureauFile;
use bureau_io::import::{roster_csv, units_xlsx};
use serde_json::{json, Value};

fn b64(bytes: &[u8]) -> String {
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

fn details(units: Option<(&[u8], &str)>, roster: Option<(&[u8], &str)>) -> Value {
    let mut args = json!({ "name": "测试县公安局", "kind": "county", "as_of": "2027-03" });
    if let Some((bytes, name)) = units {
        args["units"] = json!({ "bytes_base64": b64(bytes), "file_name": name });
    }
    if let Some((bytes, name)) = roster {
        args["roster"] = json!({ "bytes_base64": b64(bytes), "file_name": name });
    }
    args
}

/// The test bureau's 单位编制 (XLSX) and 花名册 (CSV) as its own files would carry them.
fn files() -> (Vec<u8>, String) {
    let bureau = bureau_samples::test_county();
    let (structure, _) = apply(Template::OnePlusFive, &bureau);
    let units = units_xlsx(&bureau.old_units).expect("units");
    let roster = String::from_utf8(roster_csv(
        &bureau.people,
        &bureau.old_units,
        &structure.units,
    ))
    .expect("utf-8");
    (units, roster)
}

#[test]
fn the_wizards_files_are_checked_with_codes_and_nothing_is_created() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("w.bpw");
    let api = Api::start(&path, None).expect("start");
    let (units, roster) = files();

    let ok = api
        .call(
            "workspace_check_files",
            details(
                Some((&units, "单位编制.xlsx")),
                Some((roster.as_bytes(), "花名册.csv")),
            ),
        )
        .expect("check");
    assert_eq!(ok["ok"], true, "{ok}");
    assert_eq!(ok["units"], bureau_samples::test_county().old_units.len());
    assert_eq!(ok["people"], bureau_samples::test_county().people.len());

    // Row 3 of the roster (the second person): a gender that is neither 男 nor 女.
    let mut lines: Vec<String> = roster.lines().map(str::to_owned).collect();
    let cells: Vec<&str> = lines[2].split(',').collect();
    let mut changed: Vec<String> = cells.iter().map(|c| (*c).to_owned()).collect();
    changed[2] = "未知".into();
    lines[2] = changed.join(",");
    let bad_roster = lines.join("\n");
    let bad = api
        .call(
            "workspace_check_files",
            details(
                Some((&units, "单位编制.xlsx")),
                Some((bad_roster.as_bytes(), "花名册.csv")),
            ),
        )
        .expect("check");
    assert_eq!(bad["ok"], false);
    let p = &bad["problems"][0];
    assert_eq!(p["step"], "roster", "{bad}");
    assert_eq!(p["code"], "bad_cell");
    assert_eq!(p["file"], "花名册.csv");
    assert_eq!(p["row"], 3);
    assert_eq!(p["column"], "C (性别)");
    assert_eq!(p["found"], "未知");

    let unreadable = api
        .call(
            "workspace_check_files",
            details(Some((b"\xd0\xcf\x11\xe0old", "单位编制.xls")), None),
        )
        .expect("check");
    assert_eq!(unreadable["problems"][0]["step"], "units");
    assert_eq!(unreadable["problems"][0]["code"], "file_unreadable");

    let header = api
        .call(
            "workspace_check_files",
            details(
                Some(("单位名称,类型\n刑侦大队,内设机构\n".as_bytes(), "u.csv")),
                None,
            ),
        )
        .expect("check");
    assert_eq!(header["problems"][0]["code"], "header_column", "{header}");
    assert_eq!(header["problems"][0]["row"], 1);

    let mut nameless = details(None, None);
    nameless["name"] = json!("  ");
    let empty = api.call("workspace_check_files", nameless).expect("check");
    assert_eq!(empty["problems"][0]["step"], "details");
    assert_eq!(empty["problems"][0]["code"], "name_empty");

    assert!(!path.exists(), "a check never creates the workspace");
    assert_eq!(
        api.call("workspace_status", json!({})).expect("status")["state"],
        "absent"
    );
}

#[test]
fn a_bureau_file_from_another_machine_becomes_the_workspace() {
    let bureau = bureau_samples::test_county();
    let (structure, draft) = apply(Template::OnePlusThreePlusFour, &bureau);
    let file = BureauFile::new(bureau, structure, Some(draft));
    let text = file.to_json_pretty();

    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("w.bpw");
    let api = Api::start(&path, None).expect("start");
    let send = |bytes: &[u8]| {
        api.call(
            "workspace_create_from_file",
            json!({ "file": { "bytes_base64": b64(bytes), "file_name": "测试县.json" }, "encrypt": false }),
        )
    };
    let broken: String = text.chars().take(text.chars().count() / 2).collect();
    let e = send(broken.as_bytes()).expect_err("truncated");
    assert_eq!(e.code, ErrorCode::InvalidBureauFile);
    assert!(e.message.starts_with("测试县.json: "), "{e}");
    assert!(e.message.contains("line"), "{e}");
    let e = send(b"\xff\xfe{}").expect_err("not UTF-8");
    assert_eq!(e.code, ErrorCode::BadRequest);
    let e = send(text.replace("\"测试县公安局\"", "\"\"").as_bytes()).expect_err("no name");
    assert_eq!(e.code, ErrorCode::InvalidBureauFile, "{e}");
    assert!(!path.exists(), "a refused file creates nothing");

    let info = send(text.as_bytes()).expect("created");
    assert_eq!(info["bureau"]["name"], "测试县公安局");
    let view = api.call("structure", json!({})).expect("structure");
    assert_eq!(
        serde_json::from_value::<bureau_core::Structure>(view["structure"].clone())
            .expect("structure"),
        file.structure
    );
    let e = send(text.as_bytes()).expect_err("only once");
    assert_eq!(e.code, ErrorCode::BadRequest);
}

#[test]
fn a_bureau_file_can_make_an_encrypted_workspace() {
    let bureau = bureau_samples::test_county();
    let (structure, draft) = apply(Template::OnePlusFive, &bureau);
    let text = BureauFile::new(bureau, structure, Some(draft)).to_json_pretty();
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("w.bpw");
    let api = Api::start(&path, None).expect("start");
    api.call(
        "workspace_create_from_file",
        json!({ "file": { "bytes_base64": b64(text.as_bytes()) }, "encrypt": true, "passphrase": "long enough 1" }),
    )
    .expect("created");
    let status = api.call("workspace_status", json!({})).expect("status");
    assert_eq!(status["encrypted"], true);
    assert_eq!(status["state"], "open");
}
