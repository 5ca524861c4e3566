//! The paper cut into the 文稿 panel's keyed paragraphs loses and repeats nothing: with no text
//! of the planner's, the panel's paragraphs read exactly as the generated sections, and the
//! bureau's own background and a ticked note stay out of the generated `background` paragraph.
//! On the county sample and on a bureau that is not the sample.

use bureau_core::rule_results::evaluate;
use bureau_core::rules::default_rules;
use bureau_core::templates::{apply, Template};
use bureau_core::{compute_metrics, Bureau, BureauFile, Scenario};
use bureau_io::export::document::sections::{plan_sections, Block, PlanFacts};
use bureau_io::export::{
    text_panel, DocDate, DocumentKind, DocumentSettings, DocumentText, ScenarioInput,
};

fn scenario(file: BureauFile, notes: &str) -> (Bureau, Scenario) {
    let (bureau, structure, draft) = file.into_parts();
    let scenario = Scenario {
        id: 1,
        name: "方案".into(),
        structure,
        draft: draft.unwrap_or_default(),
        notes: notes.into(),
        created_at: String::new(),
        updated_at: String::new(),
    };
    (bureau, scenario)
}

fn block_text(b: &Block) -> String {
    match b {
        Block::Para(t) | Block::Sub(t) => t.clone(),
        Block::Lead { heading, text } => format!("{heading}{text}"),
    }
}

fn check(bureau: &Bureau, s: &Scenario, kind: DocumentKind) {
    let rules = default_rules(bureau, &s.structure);
    let mut settings = DocumentSettings::defaults_for(
        bureau,
        DocDate {
            year: 2027,
            month: 1,
            day: 5,
        },
    );
    settings.kind = kind;
    settings.notes_in_document = true;
    let metrics = compute_metrics(
        bureau,
        &s.structure,
        &s.draft.assignment,
        &s.draft.community,
    );
    let results = evaluate(bureau, &s.structure, &rules, &s.draft.assignment, &s.draft);
    let facts = PlanFacts {
        bureau,
        scenario: s,
        rules: &rules,
        metrics: &metrics,
        hard_failures: results.iter().filter(|r| r.hard && !r.passed).count(),
        soft_failures: results.iter().filter(|r| !r.hard && !r.passed).count(),
        notes_in_document: true,
        attachment_word: if kind == DocumentKind::Plan {
            "附件"
        } else {
            "附表"
        },
    };
    let generated = plan_sections(&facts);
    let (panel, phases) = text_panel(
        bureau,
        ScenarioInput {
            scenario: s,
            rules: &rules,
        },
        &settings,
        &DocumentText::default(),
    );
    assert_eq!(phases.len(), 3);
    assert_eq!(panel[0].key, "request");
    assert_eq!(panel.len(), generated.len() + 1);
    for (section, text) in generated.iter().zip(&panel[1..]) {
        assert_eq!(section.key, text.key);
        let want: Vec<String> = section.blocks.iter().map(block_text).collect();
        let got: Vec<String> = text
            .paragraphs
            .iter()
            .flat_map(|p| {
                let label = p.label.clone().unwrap_or_default();
                let mut lines: Vec<String> = p.default.lines().map(str::to_owned).collect();
                if let Some(first) = lines.first_mut() {
                    *first = format!("{label}{first}");
                }
                lines
            })
            .collect();
        assert_eq!(got, want, "{}: the panel reads as the paper", section.key);
        assert!(text.paragraphs.iter().all(|p| !p.stale && p.text.is_none()));
    }
    let background = panel
        .iter()
        .find(|s| s.key == "background")
        .expect("background");
    let generated_background = background
        .paragraphs
        .iter()
        .find(|p| p.key.as_deref() == Some("background"))
        .expect("generated");
    for own in bureau
        .info
        .background
        .lines()
        .filter(|l| !l.trim().is_empty())
    {
        assert!(!generated_background.default.contains(own.trim()));
    }
    assert!(!generated_background.default.contains("内部备注"));
    assert!(background
        .paragraphs
        .iter()
        .any(|p| p.key.is_none() && p.default.contains("内部备注")));
}

#[test]
fn the_panel_reads_as_the_paper_on_the_county_and_a_new_bureau() {
    let (bureau, s) = scenario(bureau_samples::county(), "内部备注：仅供讨论");
    assert!(!bureau.info.background.trim().is_empty());
    check(&bureau, &s, DocumentKind::Plan);
    check(&bureau, &s, DocumentKind::RequestWithPlan);

    let own = bureau_samples::test_county();
    let (structure, draft) = apply(Template::OnePlusFive, &own);
    let (bureau, s) = scenario(
        BureauFile::new(own, structure, Some(draft)),
        "内部备注：第二稿",
    );
    check(&bureau, &s, DocumentKind::Plan);
}
