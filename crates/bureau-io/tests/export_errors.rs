//! What stops an export says which kind of failure it is, so the host can tell the planner's
//! mistake (settings refused, naming the field) from a writer failing.

use bureau_core::rules::default_rules;
use bureau_core::templates::{apply, Template};
use bureau_core::Scenario;
use bureau_io::export::{
    build_report, render_plan, write_document, DocDate, DocumentSettings, ExportError, Format,
    ScenarioInput,
};

fn generated() -> (bureau_core::Bureau, Scenario) {
    let bureau = bureau_samples::test_county();
    let (structure, draft) = apply(Template::OnePlusFive, &bureau);
    let scenario = Scenario {
        id: 1,
        name: "方案一".into(),
        structure,
        draft,
        notes: String::new(),
        created_at: String::new(),
        updated_at: String::new(),
    };
    (bureau, scenario)
}

#[test]
fn refused_settings_are_a_settings_error_naming_the_field() {
    let (bureau, scenario) = generated();
    let rules = default_rules(&bureau, &scenario.structure);
    let main = ScenarioInput {
        scenario: &scenario,
        rules: &rules,
    };
    let day = DocDate {
        year: 2026,
        month: 11,
        day: 30,
    };
    let mut settings = DocumentSettings::defaults_for(&bureau, day);
    settings.signature = "   ".into();
    match write_document(&bureau, main, &[], &settings) {
        Err(ExportError::Settings(e)) => assert_eq!(e.field, "signature"),
        other => panic!(
            "expected a settings error, got {:?}",
            other.map(|b| b.len())
        ),
    }
    settings.signature = bureau.info.name.clone();
    assert!(write_document(&bureau, main, &[], &settings).is_ok());
}

#[test]
fn the_tables_writer_refuses_a_docx_as_not_tables() {
    let (bureau, scenario) = generated();
    let rules = default_rules(&bureau, &scenario.structure);
    let main = ScenarioInput {
        scenario: &scenario,
        rules: &rules,
    };
    let report = build_report(&bureau, main, &[], "2026年11月30日");
    assert!(matches!(
        render_plan(&bureau, &scenario, &report, Format::Docx),
        Err(ExportError::NotTables)
    ));
    assert!(render_plan(&bureau, &scenario, &report, Format::Csv).is_ok());
}
