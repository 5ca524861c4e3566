//! The planner's own text of the paper through the API and back out of the DOCX's XML: a
//! rewritten paragraph replaces its default in the plan and in the 请示, 恢复默认 brings the
//! default back, a paragraph whose data changed since it was rewritten is flagged stale, the
//! 实施步骤 comes from the planner's phases, bad text and phases are refused naming the field
//! and change nothing, an approved scenario's text is read-only, and a branch keeps the text.
//! On a generated bureau that is not the sample, and on the county sample.

use std::io::{Cursor, Read};

use base64::Engine;
use bureau_api::{Api, ErrorCode};
use bureau_core::templates::{apply, Template};
use bureau_core::BureauFile;
use bureau_storage::Workspace;
use serde_json::{json, Value};

/// A workspace of `file` with its scenario solved and the proposal accepted.
fn planned(file: &BureauFile, dir: &std::path::Path) -> (Api, i64) {
    let api = Api::new(Workspace::create(&dir.join("w.bpw"), file, "方案甲").expect("create"));
    let info = api.call("workspace_info", json!({})).expect("info");
    let id = info["scenarios"][0]["id"].as_i64().expect("id");
    let plan = api
        .call("solve", json!({"scenario_id": id}))
        .expect("solve");
    assert_eq!(plan["status"], "optimal", "{}", plan["diagnosis"]);
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
    (api, id)
}

fn new_bureau_file() -> BureauFile {
    let bureau = bureau_samples::test_county();
    let (structure, draft) = apply(Template::OnePlusFive, &bureau);
    BureauFile::new(bureau, structure, Some(draft))
}

/// The text of word/document.xml's runs, paragraph by paragraph, one a line.
fn docx_text(api: &Api, id: i64, kind: &str) -> String {
    let mut settings = api
        .call("document_settings", json!({"scenario_id": id}))
        .expect("settings")["settings"]
        .clone();
    settings["kind"] = json!(kind);
    let out = api
        .call(
            "export_document",
            json!({"scenario_id": id, "format": "docx", "settings": settings}),
        )
        .expect("export");
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(out["bytes_base64"].as_str().expect("bytes"))
        .expect("base64");
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).expect("zip");
    let mut xml = String::new();
    zip.by_name("word/document.xml")
        .expect("document.xml")
        .read_to_string(&mut xml)
        .expect("read");
    xml.split("</w:p>")
        .map(|p| {
            let mut line = String::new();
            for part in p.split("<w:t").skip(1) {
                if let Some((_, rest)) = part.split_once('>') {
                    if let Some((t, _)) = rest.split_once("</w:t>") {
                        line.push_str(t);
                    }
                }
            }
            line
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The paragraph under `key` in a `document_text` answer.
fn paragraph<'a>(view: &'a Value, key: &str) -> &'a Value {
    view["sections"]
        .as_array()
        .expect("sections")
        .iter()
        .flat_map(|s| s["paragraphs"].as_array().expect("paragraphs"))
        .find(|p| p["key"] == key)
        .unwrap_or_else(|| panic!("no paragraph {key} in {view}"))
}

fn default_of(view: &Value, key: &str) -> String {
    paragraph(view, key)["default"]
        .as_str()
        .expect("default")
        .to_owned()
}

/// Rewrites, exports, restores and goes stale on one bureau.
fn rewrite_restore_and_stale(file: &BureauFile, bureau_name: &str) {
    let dir = tempfile::tempdir().expect("tempdir");
    let (api, id) = planned(file, dir.path());
    let view = api
        .call("document_text", json!({"scenario_id": id}))
        .expect("text");
    assert_eq!(view["editable"], true);
    let keys: Vec<&str> = view["sections"]
        .as_array()
        .expect("sections")
        .iter()
        .flat_map(|s| s["paragraphs"].as_array().expect("paragraphs"))
        .filter_map(|p| p["key"].as_str())
        .collect();
    for k in [
        "request",
        "background",
        "guiding_idea",
        "principles",
        "goals",
        "structure",
        "establishment",
        "posts",
        "deployment",
        "placement",
        "requirements",
    ] {
        assert!(
            keys.contains(&k),
            "{bureau_name}: no paragraph {k} in {keys:?}"
        );
    }
    // Every new department is a paragraph of its own, keyed by its unit id.
    let departments = api
        .call("structure", json!({"scenario_id": id}))
        .expect("structure");
    let first_department = departments["structure"]["units"]
        .as_array()
        .expect("units")
        .iter()
        .find(|u| u["parent"].is_null() && u["tier"] == "office")
        .expect("a department");
    let department_key = format!(
        "department.{}",
        first_department["id"].as_str().expect("id")
    );
    assert!(keys.contains(&department_key.as_str()), "{keys:?}");
    assert_eq!(
        paragraph(&view, &department_key)["label"],
        json!(format!(
            "（一）{}。",
            first_department["name"].as_str().expect("name")
        ))
    );

    let goals = default_of(&view, "goals");
    let deployment = default_of(&view, "deployment");
    let before = docx_text(&api, id, "plan");
    assert!(
        before.contains(&goals),
        "{bureau_name}: the default goals are printed"
    );

    // The planner rewrites 改革目标 and one department; the paper prints theirs, not the default.
    let own_goals =
        "通过改革，机构设置更加科学，警力配置更加合理。\n（一）机关更加精干。机关民警充实基层。";
    let view = api
        .call(
            "set_document_paragraph",
            json!({"scenario_id": id, "key": "goals", "text": own_goals}),
        )
        .expect("rewrite goals");
    assert_eq!(paragraph(&view, "goals")["text"], own_goals);
    assert_eq!(paragraph(&view, "goals")["stale"], false);
    api.call(
        "set_document_paragraph",
        json!({"scenario_id": id, "key": department_key, "text": "负责本局自定的职责。"}),
    )
    .expect("rewrite a department");
    for kind in ["plan", "request_with_plan"] {
        let paper = docx_text(&api, id, kind);
        assert!(
            paper.contains("通过改革，机构设置更加科学，警力配置更加合理。"),
            "{bureau_name} {kind}: the planner's goals are printed"
        );
        assert!(
            paper.contains("（一）机关更加精干。机关民警充实基层。"),
            "{bureau_name} {kind}: a run-in heading of the planner's is printed"
        );
        assert!(
            !paper.contains(&goals),
            "{bureau_name} {kind}: the default goals are no longer printed"
        );
        assert!(
            paper.contains(&format!(
                "（一）{}。负责本局自定的职责。",
                first_department["name"].as_str().expect("name")
            )),
            "{bureau_name} {kind}: the department's heading stays, the planner's text follows"
        );
    }

    // 请示's body: the planner's own, only in the request.
    api.call(
        "set_document_paragraph",
        json!({"scenario_id": id, "key": "request", "text": "我局拟定了改革方案。\n妥否，请批示。"}),
    )
    .expect("rewrite the request");
    assert!(docx_text(&api, id, "request_with_plan").contains("我局拟定了改革方案。"));
    assert!(!docx_text(&api, id, "plan").contains("我局拟定了改革方案。"));

    // 恢复默认.
    let view = api
        .call(
            "reset_document_paragraph",
            json!({"scenario_id": id, "key": "goals"}),
        )
        .expect("reset");
    assert!(paragraph(&view, "goals")["text"].is_null());
    let after = docx_text(&api, id, "plan");
    assert!(after.contains(&goals), "{bureau_name}: the default is back");
    assert!(!after.contains("通过改革，机构设置更加科学"));

    // The data move: an office officer goes to a station. The rewritten 警力配置 is stale,
    // and the new default is offered.
    api.call(
        "set_document_paragraph",
        json!({"scenario_id": id, "key": "deployment", "text": "警力配置更加合理。"}),
    )
    .expect("rewrite deployment");
    let overview = api
        .call("overview", json!({"scenario_id": id}))
        .expect("overview");
    let tier_of = |unit: &str| {
        overview["new_units"]
            .as_array()
            .expect("units")
            .iter()
            .find(|u| u["id"] == unit)
            .map(|u| u["tier"].as_str().unwrap_or_default().to_owned())
    };
    let station = overview["new_units"]
        .as_array()
        .expect("units")
        .iter()
        .find(|u| u["parent"].is_null() && u["tier"] == "grassroots")
        .expect("a station")["id"]
        .clone();
    let people = api
        .call("people", json!({"scenario_id": id}))
        .expect("people");
    let officer = people
        .as_array()
        .expect("people")
        .iter()
        .find(|p| {
            p["category"] == "officer"
                && p["unit"]
                    .as_str()
                    .is_some_and(|u| tier_of(u).as_deref() == Some("office"))
        })
        .expect("an office officer");
    let view = api
        .call("document_text", json!({"scenario_id": id}))
        .expect("text");
    assert_eq!(paragraph(&view, "deployment")["stale"], false);
    api.call(
        "move_people",
        json!({"scenario_id": id, "police_numbers": [officer["police_number"]], "to": station}),
    )
    .expect("move");
    let view = api
        .call("document_text", json!({"scenario_id": id}))
        .expect("text");
    let p = paragraph(&view, "deployment");
    assert_eq!(p["stale"], true, "{bureau_name}: {p}");
    assert_eq!(p["default_when_edited"], json!(deployment));
    assert_ne!(p["default"], json!(deployment));
    assert_eq!(p["text"], "警力配置更加合理。");
    // Paragraphs the planner did not rewrite are never stale.
    assert_eq!(paragraph(&view, "placement")["stale"], false);
    // The planner checks their text and keeps it: no longer stale.
    let view = api
        .call(
            "set_document_paragraph",
            json!({"scenario_id": id, "key": "deployment", "text": "警力配置更加合理。"}),
        )
        .expect("keep");
    assert_eq!(paragraph(&view, "deployment")["stale"], false);
    // A re-solve keeps the planner's text.
    let plan = api
        .call("solve", json!({"scenario_id": id}))
        .expect("solve");
    assert_eq!(plan["status"], "optimal");
    assert!(docx_text(&api, id, "plan").contains("警力配置更加合理。"));
}

#[test]
fn a_new_bureau_rewrites_restores_and_sees_stale_paragraphs() {
    let file = new_bureau_file();
    let name = file.bureau.name.clone();
    rewrite_restore_and_stale(&file, &name);
}

#[test]
fn the_county_rewrites_restores_and_sees_stale_paragraphs() {
    let file = bureau_samples::county();
    let name = file.bureau.name.clone();
    rewrite_restore_and_stale(&file, &name);
}

#[test]
fn phases_replace_the_generated_steps_and_bad_input_changes_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (api, id) = planned(&new_bureau_file(), dir.path());
    let view = api
        .call("document_text", json!({"scenario_id": id}))
        .expect("text");
    assert_eq!(view["phases"], json!([]));
    let generated = docx_text(&api, id, "plan");
    assert!(generated.contains("动员部署阶段（"));
    let mut phases = view["default_phases"].clone();
    assert_eq!(phases.as_array().expect("phases").len(), 3);
    phases[0]["name"] = json!("思想发动阶段");
    phases[0]["start"] = json!({"year": 2027, "month": 3, "day": 1});
    phases[0]["end"] = json!({"year": 2027, "month": 3, "day": 15});
    phases[0]["work"] = json!("召开全局动员大会，逐人谈心谈话。");
    let view = api
        .call(
            "set_document_phases",
            json!({"scenario_id": id, "phases": phases}),
        )
        .expect("phases");
    assert_eq!(view["phases"][0]["name"], "思想发动阶段");
    let paper = docx_text(&api, id, "plan");
    assert!(
        paper.contains(
            "（一）思想发动阶段（2027年3月1日至3月15日）。召开全局动员大会，逐人谈心谈话。"
        ),
        "the planner's phase is printed"
    );
    assert!(
        !paper.contains("（一）动员部署阶段（"),
        "the generated step is gone"
    );

    // Refused, naming the field, and nothing changes.
    let history = |api: &Api| {
        api.call("history", json!({"scenario_id": id, "limit": 10_000}))
            .expect("history")
            .as_array()
            .map_or(0, Vec::len)
    };
    let audited = history(&api);
    let mut backwards = phases.clone();
    backwards[1]["end"] = json!({"year": 1999, "month": 1, "day": 1});
    let e = api
        .call(
            "set_document_phases",
            json!({"scenario_id": id, "phases": backwards}),
        )
        .expect_err("end before start");
    assert_eq!(e.code, ErrorCode::BadRequest);
    assert!(e.message.contains("phases[2].end"), "{}", e.message);
    assert!(
        e.message.contains("结束日期不能早于开始日期"),
        "{}",
        e.message
    );
    let e = api
        .call(
            "set_document_paragraph",
            json!({"scenario_id": id, "key": "no_such_paragraph", "text": "文字"}),
        )
        .expect_err("unknown key");
    assert_eq!(e.code, ErrorCode::BadRequest);
    assert!(e.message.contains("no_such_paragraph"), "{}", e.message);
    let e = api
        .call(
            "set_document_paragraph",
            json!({"scenario_id": id, "key": "goals", "text": "  \n "}),
        )
        .expect_err("empty");
    assert_eq!(e.code, ErrorCode::BadRequest);
    assert!(e.message.contains("text"), "{}", e.message);
    let e = api
        .call(
            "set_document_paragraph",
            json!({"scenario_id": id, "key": "goals", "text": "目标\u{1b}[2J"}),
        )
        .expect_err("control character");
    assert_eq!(e.code, ErrorCode::BadRequest);
    let e = api
        .call(
            "set_document_paragraph",
            json!({"scenario_id": id, "key": "goals", "text": "字".repeat(5_001)}),
        )
        .expect_err("too long");
    assert!(e.message.contains("5000"), "{}", e.message);
    assert_eq!(history(&api), audited, "nothing was written");
    let view = api
        .call("document_text", json!({"scenario_id": id}))
        .expect("text");
    assert_eq!(view["phases"][1], phases[1]);
    assert!(paragraph(&view, "goals")["text"].is_null());

    // A branch keeps the text; the approved original refuses changes.
    api.call(
        "set_document_paragraph",
        json!({"scenario_id": id, "key": "goals", "text": "本局目标。"}),
    )
    .expect("rewrite");
    let branch = api
        .call("branch_scenario", json!({"from": id, "name": "方案乙"}))
        .expect("branch")["id"]
        .as_i64()
        .expect("id");
    let copied = api
        .call("document_text", json!({"scenario_id": branch}))
        .expect("text");
    assert_eq!(paragraph(&copied, "goals")["text"], "本局目标。");
    assert_eq!(copied["phases"][0]["name"], "思想发动阶段");
    for status in ["review", "approved"] {
        api.call(
            "set_scenario_status",
            json!({"scenario_id": id, "status": status}),
        )
        .expect("status");
    }
    let view = api
        .call("document_text", json!({"scenario_id": id}))
        .expect("text");
    assert_eq!(view["editable"], false);
    let e = api
        .call(
            "reset_document_paragraph",
            json!({"scenario_id": id, "key": "goals"}),
        )
        .expect_err("approved");
    assert_eq!(e.code, ErrorCode::ReadOnly);
    let e = api
        .call(
            "set_document_phases",
            json!({"scenario_id": id, "phases": null}),
        )
        .expect_err("approved");
    assert_eq!(e.code, ErrorCode::ReadOnly);
    assert!(docx_text(&api, id, "plan").contains("本局目标。"));
}

/// A department the planner wrote about and then deleted from the structure: its paragraph
/// leaves the paper but stays visible as orphaned, with its text, until the planner lets it go.
#[test]
fn a_paragraph_of_a_deleted_department_is_kept_in_sight_not_printed() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (api, id) = planned(&new_bureau_file(), dir.path());
    let structure = api
        .call("structure", json!({"scenario_id": id}))
        .expect("structure");
    let department = structure["structure"]["units"]
        .as_array()
        .expect("units")
        .iter()
        .rev()
        .find(|u| u["parent"].is_null() && u["tier"] == "office")
        .expect("a department")["id"]
        .as_str()
        .expect("id")
        .to_owned();
    let key = format!("department.{department}");
    let own = "该部门负责全局专项工作的统筹协调（规划者撰写）。";
    let view = api
        .call(
            "set_document_paragraph",
            json!({"scenario_id": id, "key": key, "text": own}),
        )
        .expect("rewrite the department");
    assert_eq!(view["orphaned"], json!([]));
    assert!(docx_text(&api, id, "plan").contains(own));

    api.call(
        "edit_structure",
        json!({"edit": {"op": "delete_unit", "unit": department}}),
    )
    .expect("delete the department");
    let view = api
        .call("document_text", json!({"scenario_id": id}))
        .expect("text");
    let orphaned = view["orphaned"].as_array().expect("orphaned");
    assert_eq!(orphaned.len(), 1, "{view}");
    assert_eq!(orphaned[0]["key"], key);
    assert_eq!(orphaned[0]["text"], own);
    assert!(
        view["sections"]
            .as_array()
            .expect("sections")
            .iter()
            .flat_map(|s| s["paragraphs"].as_array().expect("paragraphs"))
            .all(|p| p["key"] != key.as_str()),
        "the deleted department has no paragraph in the paper"
    );
    assert!(!docx_text(&api, id, "plan").contains(own));

    let view = api
        .call(
            "reset_document_paragraph",
            json!({"scenario_id": id, "key": key}),
        )
        .expect("let it go");
    assert_eq!(view["orphaned"], json!([]));
}
