use bureau_core::rules::default_rules;
use bureau_core::{BureauFile, Scenario};
use bureau_io::export::{build_report, render, Format, ScenarioInput};
use std::io::{Cursor, Read};
#[test]
fn dump() {
    let file = BureauFile::parse(include_str!("../../../fixtures/county.json")).expect("parses");
    let (bureau, structure, draft) = file.into_parts();
    let s = Scenario {
        id: 1,
        name: "初始方案".into(),
        structure,
        draft: draft.unwrap_or_default(),
        notes: String::new(),
        created_at: String::new(),
        updated_at: String::new(),
    };
    let rules = default_rules(&bureau, &s.structure);
    let r = build_report(
        &bureau,
        ScenarioInput {
            scenario: &s,
            rules: &rules,
        },
        &[],
        "2026年11月23日",
    );
    let bytes = render(&r, Format::Docx).expect("x");
    std::fs::write("/tmp/ioscratch/county.docx", &bytes).expect("w");
    let mut z = zip::ZipArchive::new(Cursor::new(bytes)).expect("z");
    let mut s = String::new();
    z.by_name("word/document.xml")
        .expect("d")
        .read_to_string(&mut s)
        .expect("r");
    std::fs::write("/tmp/ioscratch/document.xml", s).expect("w");
}
