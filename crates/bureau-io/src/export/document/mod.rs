//! The paper a reform office submits, as DOCX: the plan (《…机构改革实施方案》) alone, or the
//! request (《关于〈…〉的请示》) with the plan as its attachment, in GB/T 9704 format.
//!
//! `settings` holds how the paper is issued, `sections` the plan's text (each section a key
//! and a default written from the data), `text` the planner's own paragraphs and phases in
//! place of those defaults, `attachments` the numbered tables, `gbt9704` the typesetting; this
//! module puts them in order and packs the file.

pub mod attachment;
pub mod attachments;
pub mod community_list;
pub mod gbt9704;
mod sect_pr;
pub mod sections;
pub mod settings;
pub mod table_xml;
pub mod text;

use std::io::{Cursor, Read, Write};

use bureau_core::{Bureau, Metrics};
use docx_rs::{Docx, Paragraph};

use super::measure::{measure, Measured};
use super::report::ScenarioInput;
use attachment::Attachment;
use attachments::{attachments, AttachmentFacts};
use gbt9704 as g;
use sections::{chinese_count, pct, plan_sections, Block, PlanFacts};
use settings::{DocumentKind, DocumentSettings};
use text::{DocumentText, TextSection};

/// The plan's title: 《XX公安局机构改革实施方案》 without the book-title marks.
pub fn plan_title(bureau: &Bureau) -> String {
    format!("{}机构改革实施方案", bureau.info.name.trim())
}

/// The file name the paper is offered under.
pub fn file_name(bureau: &Bureau, settings: &DocumentSettings) -> String {
    match settings.kind {
        DocumentKind::Plan => format!("{}.docx", plan_title(bureau)),
        DocumentKind::RequestWithPlan => format!("关于{}的请示.docx", plan_title(bureau)),
    }
}

/// The request's title, broken where the meaning allows when it is longer than a 2号 line (18
/// characters here, with the brackets): the organ on the first line, the rest on the second.
fn request_title_lines(bureau: &Bureau) -> Vec<String> {
    let whole = format!("关于《{}》的请示", plan_title(bureau));
    if whole.chars().count() <= 18 {
        return vec![whole];
    }
    vec![
        format!("关于《{}", bureau.info.name.trim()),
        "机构改革实施方案》的请示".to_owned(),
    ]
}

struct Paper {
    doc: Docx,
    landscape: bool,
    /// The attachment tables' XML, put in place of their placeholders when packing.
    tables: Vec<String>,
}

impl Paper {
    fn add(mut self, p: Paragraph) -> Self {
        self.doc = self.doc.add_paragraph(p);
        self
    }

    fn add_all(mut self, ps: Vec<Paragraph>) -> Self {
        for p in ps {
            self.doc = self.doc.add_paragraph(p);
        }
        self
    }

    /// Starts the next page in the given orientation: a section break when it changes, else
    /// `None` is returned to ask the caller for a page break.
    fn turn_to(mut self, landscape: bool) -> (Self, bool) {
        if self.landscape == landscape {
            return (self, true);
        }
        let ended = self.landscape;
        self = self.add(g::section_end(ended));
        self.landscape = landscape;
        (self, false)
    }
}

/// One section of the body. `closing`: the section the signature follows, whose last paragraph
/// then keeps with it, so that the signature never stands on a page without body text.
fn write_blocks(
    mut paper: Paper,
    number: usize,
    heading: &str,
    blocks: &[Block],
    closing: bool,
) -> Paper {
    paper = paper.add(g::heading(
        1,
        &format!("{}、{heading}", chinese_count(number)),
    ));
    for (i, b) in blocks.iter().enumerate() {
        let p = match b {
            Block::Para(text) => g::body(text),
            Block::Lead { heading, text } => g::lead(heading, text),
            Block::Sub(text) => g::heading(3, text),
        };
        paper = paper.add(p.keep_next(closing && i + 1 == blocks.len()));
    }
    paper
}

/// The end of a paper that is signed: 附件说明 (when there are attachments), 署名 and date, all
/// kept together with the body's last paragraph (GB/T 9704: the seal shares its page with the
/// text).
fn signed_close(
    paper: Paper,
    word: &str,
    attachments: &[String],
    settings: &DocumentSettings,
) -> Paper {
    let mut close = vec![g::blank()];
    close.extend(g::attachment_note(word, attachments));
    let mut signature = g::signature(&settings.signature, &settings.written_on.written());
    let date = signature.pop();
    close.extend(signature);
    let close = close.into_iter().map(|p| p.keep_next(true));
    paper.add_all(close.chain(date).collect())
}

fn write_attachments(mut paper: Paper, word: &str, list: &[Attachment]) -> Paper {
    for (i, a) in list.iter().enumerate() {
        let (next, page_break) = paper.turn_to(a.landscape());
        paper = next.add_all(g::attachment_head(
            &format!("{word}{}", i + 1),
            &a.title,
            page_break,
        ));
        let width = if a.landscape() {
            g::LANDSCAPE_TEXT_WIDTH
        } else {
            g::TEXT_WIDTH
        };
        for (k, grid) in a.grids.iter().enumerate() {
            if k > 0 {
                paper = paper.add(g::blank());
            }
            paper.doc = paper
                .doc
                .add_table(table_xml::placeholder(paper.tables.len()));
            paper.tables.push(table_xml::table_xml(grid, width));
        }
    }
    paper
}

/// The request's body: what is asked, the key figures (from `metrics`, as in the plan), and
/// the closing formula.
fn request_body(
    bureau: &Bureau,
    structure_name: &str,
    m: &Metrics,
    hard_failures: usize,
    soft_failures: usize,
) -> Vec<String> {
    let (office_before, _) = bureau_core::metrics::unit_counts(&bureau.old_units);
    let title = plan_title(bureau);
    let hard = sections::compliance(hard_failures, soft_failures, "需进一步研究");
    vec![
        format!("为深化公安机关机构改革，优化机构设置和警力配置，推动警力向基层一线倾斜，我局研究制定了《{title}》（以下简称《方案》），现将有关情况请示如下。"),
        format!(
            "《方案》按照“{structure_name}”架构，内设机构由{office_before}个调整为{}个，设基层所队{}个。改革后，机关民警由{}名调整为{}名，精简{}；派出所民警占全局民警比例由{}调整为{}；社区民警占派出所民警比例为{}。",
            m.office_departments,
            m.grassroots_units,
            m.before.office_officers,
            m.after.office_officers,
            pct(m.office_reduction),
            pct(m.station_share_before),
            pct(m.station_share),
            pct(m.community_share),
        ),
        format!(
            "《方案》共调整{}人，其中机关民警下沉基层所队{}人；提出本人意愿的{}人中，{}人安排至本人意愿部门。经核对，{hard}。",
            m.moved, m.moved_down, m.wishes_stated, m.wishes_met
        ),
        "妥否，请批示。".to_owned(),
    ]
}

fn plan_facts<'a>(
    bureau: &'a Bureau,
    main: &ScenarioInput<'a>,
    m: &'a Measured,
    settings: &DocumentSettings,
) -> PlanFacts<'a> {
    PlanFacts {
        bureau,
        scenario: main.scenario,
        rules: main.rules,
        metrics: &m.metrics,
        hard_failures: m.hard_failures,
        soft_failures: m.soft_failures,
        notes_in_document: settings.notes_in_document,
        attachment_word: if settings.kind == DocumentKind::RequestWithPlan {
            "附表"
        } else {
            "附件"
        },
    }
}

/// The paper's text as the 文稿 panel lists it for `main` issued with `settings`: every
/// paragraph's default today, the planner's version and whether it is stale; and the phases
/// a planner starts the 实施步骤 from.
pub fn text_panel(
    bureau: &Bureau,
    main: ScenarioInput<'_>,
    settings: &DocumentSettings,
    own: &DocumentText,
) -> (Vec<TextSection>, Vec<text::Phase>) {
    let m = measure(bureau, main.scenario, main.rules);
    let facts = plan_facts(bureau, &main, &m, settings);
    let body = request_body(
        bureau,
        &main.scenario.structure.name,
        &m.metrics,
        m.hard_failures,
        m.soft_failures,
    );
    let sections = plan_sections(&facts);
    (
        text::panel(&facts, &body, &sections, own),
        text::default_phases(&facts),
    )
}

/// Writes the paper `settings` asks for about `main`, comparing it with `others` in the
/// 方案比选表, with the generated text throughout. The settings are validated first; the
/// message names the field refused.
pub fn write_document(
    bureau: &Bureau,
    main: ScenarioInput<'_>,
    others: &[ScenarioInput<'_>],
    settings: &DocumentSettings,
) -> Result<Vec<u8>, crate::export::ExportError> {
    write_document_with_text(bureau, main, others, settings, &DocumentText::default())
}

/// As `write_document`, with the planner's own paragraphs and phases (`own`) in place of the
/// defaults they replace, in the plan and in the 请示 alike.
pub fn write_document_with_text(
    bureau: &Bureau,
    main: ScenarioInput<'_>,
    others: &[ScenarioInput<'_>],
    settings: &DocumentSettings,
    own: &DocumentText,
) -> Result<Vec<u8>, crate::export::ExportError> {
    settings
        .validate()
        .map_err(crate::export::ExportError::Settings)?;
    let s = main.scenario;
    let measured = measure(bureau, main.scenario, main.rules);
    let Measured {
        metrics,
        results,
        hard_failures,
        soft_failures,
    } = &measured;
    let (hard_failures, soft_failures) = (*hard_failures, *soft_failures);
    let mut compared = Vec::new();
    if !others.is_empty() {
        compared.push(("本方案".to_owned(), metrics.clone(), hard_failures));
        for (i, o) in others.iter().enumerate() {
            let m = measure(bureau, o.scenario, o.rules);
            compared.push((
                format!("比选方案{}", chinese_count(i + 1)),
                m.metrics,
                m.hard_failures,
            ));
        }
    }
    let request = settings.kind == DocumentKind::RequestWithPlan;
    let facts = plan_facts(bureau, &main, &measured, settings);
    let word = facts.attachment_word;
    let sections = text::apply(&facts, plan_sections(&facts), own);
    let list = attachments(&AttachmentFacts {
        bureau,
        scenario: s,
        rules: main.rules,
        results,
        metrics,
        compared,
    });

    let mut doc = Docx::new()
        .page_size(g::PAGE_WIDTH, g::PAGE_HEIGHT)
        .page_margin(g::margins(false))
        .default_fonts(g::fonts(g::FANGSONG))
        .default_size(g::SIZE_3)
        .footer(g::page_number_footer(true))
        .even_footer(g::page_number_footer(false));
    doc.document = doc.document.doc_grid(g::grid());
    let mut paper = Paper {
        doc,
        landscape: false,
        tables: Vec::new(),
    };

    // 版头.
    let mut upper = Vec::new();
    if settings.classification.is_secret() {
        upper.push((settings.copy_number.clone(), g::FANGSONG));
    }
    if let Some(mark) = settings.classification.label() {
        let text = if settings.classification.is_secret() {
            format!("{mark}★{}", settings.secrecy_period.trim())
        } else {
            mark.to_owned()
        };
        upper.push((text, g::HEITI));
    }
    if let Some(u) = settings.urgency.label() {
        upper.push((u.to_owned(), g::HEITI));
    }
    let lines_above = upper.len();
    paper = paper.add_all(g::upper_left(&upper));
    paper = paper.add(g::masthead(
        &format!("{}文件", settings.issuer.trim()),
        lines_above,
    ));
    paper = paper.add(if request {
        g::number_line_with_signer(&settings.document_number, &settings.signer)
    } else {
        g::number_line(&settings.document_number)
    });
    paper = paper.add(g::blank()).add(g::blank());

    let title = plan_title(bureau);
    let draft = settings.draft_mark.label();
    let attachment_titles: Vec<String> = list.iter().map(|a| a.title.clone()).collect();
    if request {
        paper = paper.add(g::title(&request_title_lines(bureau)));
        paper = paper.add(g::blank());
        paper = paper.add(g::addressee(&settings.addressee));
        let body = request_body(
            bureau,
            &s.structure.name,
            metrics,
            hard_failures,
            soft_failures,
        );
        let body = text::apply_request(body, own);
        for (i, p) in body.iter().enumerate() {
            paper = paper.add(g::body(p).keep_next(i + 1 == body.len()));
        }
        paper = signed_close(paper, "附件", std::slice::from_ref(&title), settings);
        paper = paper.add(g::annotation(&settings.contact, &settings.phone));
        // The plan, as the request's attachment.
        paper = paper.add_all(vec![
            Paragraph::new()
                .add_run(g::run("附件", g::HEITI, g::SIZE_3))
                .line_spacing(g::exact_line())
                .page_break_before(true),
            g::blank(),
        ]);
        paper = paper.add(g::title(std::slice::from_ref(&title)));
        if let Some(d) = draft {
            paper = paper.add(g::subtitle(d));
        }
        paper = paper.add(g::blank());
        for (i, sec) in sections.iter().enumerate() {
            paper = write_blocks(paper, i + 1, sec.heading, &sec.blocks, false);
        }
        paper = paper.add(g::blank());
        paper = paper.add_all(g::attachment_note(word, &attachment_titles));
    } else {
        paper = paper.add(g::title(std::slice::from_ref(&title)));
        if let Some(d) = draft {
            paper = paper.add(g::subtitle(d));
        }
        paper = paper.add(g::blank());
        if !settings.addressee.trim().is_empty() {
            paper = paper.add(g::addressee(&settings.addressee));
        }
        let last = sections.len();
        for (i, sec) in sections.iter().enumerate() {
            paper = write_blocks(paper, i + 1, sec.heading, &sec.blocks, i + 1 == last);
        }
        paper = signed_close(paper, word, &attachment_titles, settings);
    }

    paper = write_attachments(paper, word, &list);

    // 版记 at the foot of a last page of its own, the back of a sheet: a section of its own
    // that starts on an even page (Word and LibreOffice leave the page before it blank when
    // the paper would otherwise end on an odd one).
    let ended = paper.landscape;
    paper = paper.add(g::section_end(ended));
    paper.landscape = false;
    paper.doc.document.section_property.section_type = Some(docx_rs::SectionType::EvenPage);
    paper = paper.add_all(g::imprint(
        &settings.copied_to,
        &settings.printed_by,
        &settings.printed_on.written(),
    ));

    let mut out = Cursor::new(Vec::new());
    paper
        .doc
        .build()
        .pack(&mut out)
        .map_err(|e| crate::export::ExportError::Docx(e.to_string()))?;
    repack(&out.into_inner(), &paper.tables)
        .map_err(|e| crate::export::ExportError::Docx(format!("compressing: {e}")))
}

/// docx-rs stores its parts uncompressed (a county plan is ~0.5 MB): deflate them, and mark
/// every table's header row to repeat on each page on the way, with the attachment tables in
/// place of their placeholders.
fn repack(stored: &[u8], tables: &[String]) -> zip::result::ZipResult<Vec<u8>> {
    let mut input = zip::ZipArchive::new(Cursor::new(stored))?;
    let mut output = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for i in 0..input.len() {
        let mut part = input.by_index(i)?;
        if part.is_dir() {
            continue;
        }
        let name = part.name()?.into_owned();
        output.start_file(name.as_str(), options)?;
        if name == "word/document.xml" {
            let mut xml = String::new();
            part.read_to_string(&mut xml)?;
            let xml = table_xml::splice(&xml, tables);
            let xml = g::repeat_header_rows(&xml);
            output.write_all(sect_pr::in_schema_order(&xml).as_bytes())?;
        } else {
            std::io::copy(&mut part, &mut output)?;
        }
    }
    Ok(output.finish()?.into_inner())
}
