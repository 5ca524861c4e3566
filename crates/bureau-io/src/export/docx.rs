//! The plan as a Word document in Chinese official-document style (GB/T 9704-2012): A4,
//! margins 37/35/28/26 mm, a 22-line grid with 28 characters a line, title in 方正小标宋简体 2号, body in
//! 仿宋_GB2312 3号, headings 一、(黑体) （一）(楷体_GB2312) 1．（1）(仿宋), tables in 仿宋
//! with a bold header row, and page numbers "— 1 —" in 宋体 4号, right on odd pages and left
//! on even pages.

use std::io::Cursor;

use docx_rs::{
    AlignmentType, BreakType, DocGrid, DocGridType, Docx, FieldCharType, Footer, InstrPAGE,
    InstrText, LineSpacing, LineSpacingType, PageMargin, Paragraph, Pic, Run, RunFonts,
    SpecialIndentType, Table, TableCell, TableLayoutType, TableRow, WidthType,
};

use bureau_core::limits::strip_forbidden;

use super::chart::Chart;
use super::report::{Report, Table as ReportTable, Value};

/// Millimetres to twentieths of a point.
fn mm(x: f64) -> i32 {
    (x * 1440.0 / 25.4).round() as i32
}

pub const PAGE_WIDTH: u32 = 11906;
pub const PAGE_HEIGHT: u32 = 16838;
pub const MARGIN_TOP_MM: f64 = 37.0;
pub const MARGIN_BOTTOM_MM: f64 = 35.0;
pub const MARGIN_LEFT_MM: f64 = 28.0;
pub const MARGIN_RIGHT_MM: f64 = 26.0;
/// 225 mm of text height / 22 lines.
pub const LINE_PITCH: usize = 579;
/// Twentieths of a point taken from each 3号 character: 28 × 15.75 pt fit the 156 mm line.
/// (A `linesAndChars` grid would say the same, but LibreOffice then spreads the characters.)
pub const CHAR_TIGHTEN: i32 = -5;
const TEXT_WIDTH: usize = 8844;

pub const FANGSONG: &str = "仿宋_GB2312";
pub const XIAOBIAOSONG: &str = "方正小标宋简体";
pub const HEITI: &str = "黑体";
pub const KAITI: &str = "楷体_GB2312";
pub const SONGTI: &str = "宋体";
const LATIN: &str = "Times New Roman";

/// Half-points: 2号 22 pt, 3号 16 pt, 4号 14 pt, 小四 12 pt, 五号 10.5 pt.
const SIZE_2: usize = 44;
const SIZE_3: usize = 32;
const SIZE_4: usize = 28;
const SIZE_5: usize = 21;

fn fonts(east_asia: &str) -> RunFonts {
    RunFonts::new()
        .east_asia(east_asia)
        .ascii(LATIN)
        .hi_ansi(LATIN)
        .cs(LATIN)
}

/// 3号 text is tightened by 0.25 pt per character so that 28 characters fill the 156 mm line.
/// Every text of the document passes here, and loses any control character or non-character
/// first: XML cannot hold them, and one would leave the document unopenable. Input checks
/// refuse them; this is the second line for values that reached storage another way.
fn run(text: &str, font: &str, size: usize) -> Run {
    let text = strip_forbidden(text, false);
    let r = Run::new()
        .add_text(text.as_ref())
        .fonts(fonts(font))
        .size(size);
    if size == SIZE_3 {
        r.character_spacing(CHAR_TIGHTEN)
    } else {
        r
    }
}

fn exact_line() -> LineSpacing {
    LineSpacing::new()
        .line(LINE_PITCH as i32)
        .line_rule(LineSpacingType::Exact)
}

/// A body paragraph: 3号 仿宋, first line indented two characters.
fn body(text: &str) -> Paragraph {
    Paragraph::new()
        .add_run(run(text, FANGSONG, SIZE_3))
        .align(AlignmentType::Both)
        .line_spacing(exact_line())
        .indent(None, Some(SpecialIndentType::FirstLine(640)), None, None)
}

/// Heading levels: 1 一、 (黑体), 2 （一） (楷体), 3 1． and 4 （1） (仿宋).
fn heading(level: u8, text: &str) -> Paragraph {
    let font = match level {
        1 => HEITI,
        2 => KAITI,
        _ => FANGSONG,
    };
    Paragraph::new()
        .add_run(run(text, font, SIZE_3))
        .line_spacing(exact_line())
        .indent(None, Some(SpecialIndentType::FirstLine(640)), None, None)
        .keep_next(true)
        .outline_lvl(usize::from(level.saturating_sub(1)))
}

fn blank() -> Paragraph {
    Paragraph::new()
        .add_run(run("", FANGSONG, SIZE_3))
        .line_spacing(exact_line())
}

const CHINESE_NUMERALS: [&str; 10] = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];

fn numeral(i: usize) -> &'static str {
    CHINESE_NUMERALS.get(i).copied().unwrap_or("十")
}

fn table(t: &ReportTable) -> Vec<Paragraph> {
    vec![Paragraph::new()
        .add_run(run(&t.title, FANGSONG, SIZE_4).bold())
        .align(AlignmentType::Center)
        .keep_next(true)
        .line_spacing(exact_line())]
}

fn table_body(t: &ReportTable) -> Table {
    let size = if t.headers.len() <= 4 { SIZE_4 } else { SIZE_5 };
    let total: f64 = t.widths.iter().sum::<f64>().max(1.0);
    let grid: Vec<usize> = t
        .widths
        .iter()
        .map(|w| ((w / total) * TEXT_WIDTH as f64).round() as usize)
        .collect();
    let cell = |text: &str, width: usize, bold: bool, align: AlignmentType| {
        let mut r = run(text, FANGSONG, size);
        if bold {
            r = r.bold();
        }
        TableCell::new().width(width, WidthType::Dxa).add_paragraph(
            Paragraph::new()
                .add_run(r)
                .align(align)
                .snap_to_grid(false)
                .line_spacing(
                    LineSpacing::new()
                        .line(240)
                        .line_rule(LineSpacingType::Auto),
                ),
        )
    };
    let header = TableRow::new(
        t.headers
            .iter()
            .zip(&grid)
            .map(|(h, w)| cell(h, *w, true, AlignmentType::Center))
            .collect(),
    )
    .cant_split();
    let mut rows = vec![header];
    for r in &t.rows {
        rows.push(
            TableRow::new(
                r.iter()
                    .zip(&grid)
                    .map(|(v, w)| {
                        let align = match v {
                            Value::Text(_) => AlignmentType::Left,
                            _ => AlignmentType::Center,
                        };
                        cell(&v.shown(), *w, false, align)
                    })
                    .collect(),
            )
            .cant_split(),
        );
    }
    Table::new(rows)
        .set_grid(grid)
        .width(TEXT_WIDTH, WidthType::Dxa)
        .layout(TableLayoutType::Fixed)
}

/// "— N —" in 宋体 4号, one character in from the right (odd pages) or the left (even pages).
fn page_number_footer(odd: bool) -> Footer {
    let r = |text: &str| run(text, SONGTI, SIZE_4);
    let field = Run::new()
        .fonts(fonts(SONGTI))
        .size(SIZE_4)
        .add_field_char(FieldCharType::Begin, false)
        .add_instr_text(InstrText::PAGE(InstrPAGE::new()))
        .add_field_char(FieldCharType::Separate, false)
        .add_text("1")
        .add_field_char(FieldCharType::End, false);
    let (align, left, right) = if odd {
        (AlignmentType::Right, None, Some(280))
    } else {
        (AlignmentType::Left, Some(280), None)
    };
    Footer::new().add_paragraph(
        Paragraph::new()
            .add_run(r("— "))
            .add_run(field)
            .add_run(r(" —"))
            .align(align)
            .indent(left, None, right, None),
    )
}

/// Renders the report; `charts` (if any) make the last page.
pub fn write_docx(report: &Report, charts: &[Chart]) -> Result<Vec<u8>, String> {
    let mut doc = Docx::new()
        .page_size(PAGE_WIDTH, PAGE_HEIGHT)
        .page_margin(PageMargin {
            top: mm(MARGIN_TOP_MM),
            bottom: mm(MARGIN_BOTTOM_MM),
            left: mm(MARGIN_LEFT_MM),
            right: mm(MARGIN_RIGHT_MM),
            header: mm(15.0),
            footer: mm(18.0),
            gutter: 0,
        })
        .default_fonts(fonts(FANGSONG))
        .default_size(SIZE_3)
        .footer(page_number_footer(true))
        .even_footer(page_number_footer(false));
    doc.document = doc.document.doc_grid(
        DocGrid::new()
            .grid_type(DocGridType::Lines)
            .line_pitch(LINE_PITCH),
    );

    doc = doc.add_paragraph(
        Paragraph::new()
            .add_run(run(&report.title, XIAOBIAOSONG, SIZE_2))
            .align(AlignmentType::Center)
            .line_spacing(exact_line()),
    );
    doc = doc.add_paragraph(
        Paragraph::new()
            .add_run(run(
                &format!("（{}·{}）", report.scenario_name, report.structure_name),
                KAITI,
                SIZE_3,
            ))
            .align(AlignmentType::Center)
            .line_spacing(exact_line()),
    );
    doc = doc.add_paragraph(blank());

    let mut section = 0usize;
    let mut next_heading = |text: &str| {
        let h = heading(1, &format!("{}、{text}", numeral(section)));
        section += 1;
        h
    };
    let m = &report.metrics;

    doc = doc.add_paragraph(next_heading("改革背景"));
    for p in &report.background {
        doc = doc.add_paragraph(body(p));
    }

    doc = doc.add_paragraph(next_heading("机构设置"));
    doc = doc.add_paragraph(body(&format!(
        "按照“{}”架构，改革后设内设机构{}个、基层所队{}个，由原{}个单位整合组建，对应关系见表1。",
        report.structure_name,
        m.office_departments,
        m.grassroots_units,
        report.old_units.rows.len()
    )));
    doc = add_table(doc, &report.structure);

    doc = doc.add_paragraph(next_heading("警力配置"));
    doc = doc.add_paragraph(heading(2, "（一）总体情况"));
    doc = doc.add_paragraph(body(&format!(
        "全局现有民警{}名、辅警{}名。改革后，机关民警由{}名调整为{}名，基层所队民警由{}名调整为{}名，派出所民警占比由{:.1}%调整为{:.1}%，社区民警占派出所民警比例为{:.1}%。",
        m.total_officers,
        m.total_auxiliaries,
        m.before.office_officers,
        m.after.office_officers,
        m.before.grassroots_officers,
        m.after.grassroots_officers,
        m.station_share_before * 100.0,
        m.station_share * 100.0,
        m.community_share * 100.0
    )));
    doc = add_table(doc, &report.totals);
    doc = doc.add_paragraph(heading(2, "（二）改革前各单位警力"));
    doc = add_table(doc, &report.old_units);
    doc = doc.add_paragraph(heading(2, "（三）改革后各单位警力"));
    doc = add_table(doc, &report.new_units);
    if let Some(method) = &report.workload_method {
        doc = doc.add_paragraph(body(method));
    }

    doc = doc.add_paragraph(next_heading("政策指标核对"));
    doc = doc.add_paragraph(body(&format!(
        "按照有关政策规定和本方案机构设置，共核对{}项指标，{}。",
        report.compliance.rows.len(),
        if report.hard_failures == 0 {
            "刚性指标均已满足".to_owned()
        } else {
            format!("尚有{}项刚性指标未满足，需进一步调整", report.hard_failures)
        }
    )));
    doc = add_table(doc, &report.compliance);

    doc = doc.add_paragraph(next_heading("人员调整"));
    doc = doc.add_paragraph(body(&format!(
        "本方案共调整{}人（调整至原单位对应部门以外的人员），其中机关民警下沉基层所队{}人，名单见表6；另有{}人在原单位对应部门内部调配，不计入调整人数。提出本人意愿的{}人中，{}人安排至本人意愿部门。",
        m.moved, m.moved_down, m.moved_within, m.wishes_stated, m.wishes_met
    )));
    doc = doc.add_paragraph(heading(3, "1．按调整原因统计"));
    for (i, reason) in ["规则要求", "本人意愿", "五零下沉", "规划指定"]
        .iter()
        .enumerate()
    {
        let count = report
            .adjustments
            .rows
            .iter()
            .filter(|r| r.last().is_some_and(|v| v.shown() == *reason))
            .count();
        doc = doc.add_paragraph(body(&format!("（{}）{reason}：{count}人。", i + 1)));
    }
    doc = add_table(doc, &report.adjustments);

    if let Some(c) = &report.comparison {
        doc = doc.add_paragraph(next_heading("方案比较"));
        doc = doc.add_paragraph(body("各备选方案主要指标比较见表7。"));
        doc = add_table(doc, c);
    }

    if !charts.is_empty() {
        doc = doc.add_paragraph(Paragraph::new().add_run(Run::new().add_break(BreakType::Page)));
        doc = doc.add_paragraph(next_heading("图表"));
        for chart in charts.iter().filter(|c| !c.png.is_empty()) {
            let pic = Pic::new_with_dimensions(chart.png.clone(), chart.width, chart.height);
            doc = doc.add_paragraph(
                Paragraph::new()
                    .add_run(Run::new().add_image(pic))
                    .align(AlignmentType::Center),
            );
            doc = doc.add_paragraph(
                Paragraph::new()
                    .add_run(run(&chart.caption, FANGSONG, SIZE_4))
                    .align(AlignmentType::Both)
                    .line_spacing(exact_line()),
            );
        }
    }

    doc = doc.add_paragraph(blank());
    doc = doc.add_paragraph(
        Paragraph::new()
            .add_run(run(&report.date, FANGSONG, SIZE_3))
            .align(AlignmentType::Right)
            .indent(None, None, Some(1280), None)
            .line_spacing(exact_line()),
    );
    // Attachments follow the date, each on its own page.
    for attachment in report.attachments() {
        doc = doc.add_paragraph(Paragraph::new().add_run(Run::new().add_break(BreakType::Page)));
        doc = add_table(doc, attachment);
    }

    let mut out = Cursor::new(Vec::new());
    doc.build()
        .pack(&mut out)
        .map_err(|e| format!("writing the DOCX: {e}"))?;
    deflate(&out.into_inner()).map_err(|e| format!("compressing the DOCX: {e}"))
}

/// docx-rs stores its parts uncompressed (a county plan is ~0.5 MB); deflate them.
fn deflate(stored: &[u8]) -> zip::result::ZipResult<Vec<u8>> {
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
        output.start_file(name, options)?;
        std::io::copy(&mut part, &mut output)?;
    }
    Ok(output.finish()?.into_inner())
}

fn add_table(doc: Docx, t: &ReportTable) -> Docx {
    let mut doc = doc;
    for p in table(t) {
        doc = doc.add_paragraph(p);
    }
    doc.add_table(table_body(t)).add_paragraph(blank())
}
