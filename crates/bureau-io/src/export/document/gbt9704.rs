//! The typesetting of GB/T 9704-2012 (党政机关公文格式), element by element: A4 with margins
//! 37/35/28/26 mm and a 22-line grid of 28 characters; 版头 (份号, 密级和保密期限, 紧急程度, the
//! red 发文机关标志, 发文字号 with 签发人 for a 请示, the red separator); 标题 in 2号 小标宋; 主送;
//! 正文 in 3号 仿宋 with headings 一、(黑体) （一）(楷体) 1．(仿宋); 附件说明; 署名 and 成文日期
//! with room for the seal; 附注; attachment pages; tables whose header row repeats; the 版记
//! with its thick and thin rules; page numbers "— n —" in 4号 宋体, right on odd pages and left
//! on even ones. Only layout lives here: the words come from `sections` and `attachments`.

use docx_rs::{
    AlignmentType, BorderType, BreakType, DocGrid, DocGridType, FieldCharType, Footer, InstrPAGE,
    InstrText, LineSpacing, LineSpacingType, PageMargin, PageOrientationType, PageSize, Paragraph,
    ParagraphBorder, ParagraphBorderPosition, ParagraphBorders, Run, RunFonts, SectionProperty,
    SpecialIndentType, Tab, TabValueType,
};

use bureau_core::limits::strip_forbidden;

/// Millimetres to twentieths of a point.
pub fn mm(x: f64) -> i32 {
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
/// 156 mm.
pub const TEXT_WIDTH: usize = 8844;
/// The text width of a landscape page (297 mm less the 37 and 35 mm margins turned sideways).
pub const LANDSCAPE_TEXT_WIDTH: usize = 12756;
/// One 3号 character, the unit of 空一字 / 空二字.
pub const CHAR: i32 = 320;

pub const FANGSONG: &str = "仿宋_GB2312";
pub const XIAOBIAOSONG: &str = "方正小标宋简体";
pub const HEITI: &str = "黑体";
pub const KAITI: &str = "楷体_GB2312";
pub const SONGTI: &str = "宋体";
const LATIN: &str = "Times New Roman";
/// The red of the 发文机关标志 and the separator.
pub const RED: &str = "FF0000";

/// Half-points: 2号 22 pt, 3号 16 pt, 4号 14 pt, 五号 10.5 pt; the 标志 in 小初 36 pt.
pub const SIZE_MASTHEAD: usize = 72;
pub const SIZE_2: usize = 44;
pub const SIZE_3: usize = 32;
pub const SIZE_4: usize = 28;
pub const SIZE_5: usize = 21;

pub fn fonts(east_asia: &str) -> RunFonts {
    RunFonts::new()
        .east_asia(east_asia)
        .ascii(LATIN)
        .hi_ansi(LATIN)
        .cs(LATIN)
}

/// Every text of the document passes here, and loses any control character or non-character
/// first: XML cannot hold them, and one would leave the document unopenable. Input checks
/// refuse them; this is the second line for values that reached storage another way. 3号 text
/// is tightened by 0.25 pt per character so that 28 characters fill the 156 mm line.
pub fn run(text: &str, font: &str, size: usize) -> Run {
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

pub fn exact_line() -> LineSpacing {
    LineSpacing::new()
        .line(LINE_PITCH as i32)
        .line_rule(LineSpacingType::Exact)
}

fn first_line(chars: i32) -> Option<SpecialIndentType> {
    Some(SpecialIndentType::FirstLine(chars * CHAR))
}

/// A body paragraph: 3号 仿宋, first line indented two characters.
pub fn body(text: &str) -> Paragraph {
    Paragraph::new()
        .add_run(run(text, FANGSONG, SIZE_3))
        .align(AlignmentType::Both)
        .line_spacing(exact_line())
        .indent(None, first_line(2), None, None)
}

/// A paragraph opening with a run-in heading in 楷体: （一）坚持党的绝对领导。…
pub fn lead(heading: &str, text: &str) -> Paragraph {
    Paragraph::new()
        .add_run(run(heading, KAITI, SIZE_3))
        .add_run(run(text, FANGSONG, SIZE_3))
        .align(AlignmentType::Both)
        .line_spacing(exact_line())
        .indent(None, first_line(2), None, None)
}

/// Heading levels: 1 一、 (黑体), 2 （一） (楷体), 3 1． and 4 （1） (仿宋).
pub fn heading(level: u8, text: &str) -> Paragraph {
    let font = match level {
        1 => HEITI,
        2 => KAITI,
        _ => FANGSONG,
    };
    Paragraph::new()
        .add_run(run(text, font, SIZE_3))
        .line_spacing(exact_line())
        .indent(None, first_line(2), None, None)
        .keep_next(true)
        .outline_lvl(usize::from(level.saturating_sub(1)))
}

pub fn blank() -> Paragraph {
    Paragraph::new()
        .add_run(run("", FANGSONG, SIZE_3))
        .line_spacing(exact_line())
}

/// The 版头's upper left: 份号 (a state secret only), 密级★保密期限 and 紧急程度, 3号 黑体 (份号 in
/// Arabic digits), one a line.
pub fn upper_left(lines: &[(String, &str)]) -> Vec<Paragraph> {
    lines
        .iter()
        .map(|(text, font)| {
            Paragraph::new()
                .add_run(run(text, font, SIZE_3))
                .line_spacing(exact_line())
        })
        .collect()
}

/// The red 发文机关标志, centred, its top edge 35 mm below the top of the text block, given
/// `lines_above` grid lines already used by the upper-left elements.
pub fn masthead(text: &str, lines_above: usize) -> Paragraph {
    let used = i32::try_from(lines_above.saturating_mul(LINE_PITCH)).unwrap_or(i32::MAX);
    let before = u32::try_from((mm(35.0) - used).max(0)).unwrap_or(0);
    Paragraph::new()
        .add_run(run(text, XIAOBIAOSONG, SIZE_MASTHEAD).color(RED))
        .align(AlignmentType::Center)
        .snap_to_grid(false)
        .line_spacing(
            LineSpacing::new()
                .before(before)
                .after(u32::try_from(LINE_PITCH).unwrap_or(0))
                .line(1100)
                .line_rule(LineSpacingType::Exact),
        )
}

/// The red separator: a full-width rule 4 mm under the 文号 line, drawn as that paragraph's
/// bottom border (1.5 pt).
fn red_rule() -> ParagraphBorders {
    ParagraphBorders::with_empty().set(
        ParagraphBorder::new(ParagraphBorderPosition::Bottom)
            .val(BorderType::Single)
            .size(12)
            .space(11)
            .color(RED),
    )
}

/// 发文字号 centred under the 标志, with the red separator under it.
pub fn number_line(number: &str) -> Paragraph {
    let mut p = Paragraph::new()
        .add_run(run(number, FANGSONG, SIZE_3))
        .align(AlignmentType::Center)
        .line_spacing(exact_line());
    p.property = p.property.set_borders(red_rule());
    p
}

/// A 请示's 文号 line: the number 空一字 from the left, 签发人：(仿宋) and the name (楷体)
/// ending 空一字 from the right, then the red separator.
pub fn number_line_with_signer(number: &str, signer: &str) -> Paragraph {
    let right = i32::try_from(TEXT_WIDTH).unwrap_or(0) - CHAR;
    let mut p = Paragraph::new()
        .add_run(run(number, FANGSONG, SIZE_3))
        .add_run(Run::new().add_tab())
        .add_run(run("签发人：", FANGSONG, SIZE_3))
        .add_run(run(signer, KAITI, SIZE_3))
        .add_tab(
            Tab::new()
                .val(TabValueType::Right)
                .pos(usize::try_from(right).unwrap_or(0)),
        )
        .indent(Some(CHAR), None, None, None)
        .line_spacing(exact_line());
    p.property = p.property.set_borders(red_rule());
    p
}

/// The 标题: 2号 小标宋, centred, its lines broken where the meaning allows.
pub fn title(lines: &[String]) -> Paragraph {
    let mut p = Paragraph::new().align(AlignmentType::Center).line_spacing(
        LineSpacing::new()
            .line(i32::try_from(LINE_PITCH * 12 / 10).unwrap_or(0))
            .line_rule(LineSpacingType::Exact),
    );
    for (i, line) in lines.iter().enumerate() {
        let mut r = run(line, XIAOBIAOSONG, SIZE_2);
        if i + 1 < lines.len() {
            r = r.add_break(BreakType::TextWrapping);
        }
        p = p.add_run(r);
    }
    p
}

/// The 稿别 in brackets under the title, 3号 楷体.
pub fn subtitle(text: &str) -> Paragraph {
    Paragraph::new()
        .add_run(run(&format!("（{text}）"), KAITI, SIZE_3))
        .align(AlignmentType::Center)
        .line_spacing(exact_line())
}

/// 主送机关: flush left, ending with a full-width colon.
pub fn addressee(text: &str) -> Paragraph {
    let text = text.trim().trim_end_matches(['：', ':']);
    Paragraph::new()
        .add_run(run(&format!("{text}："), FANGSONG, SIZE_3))
        .line_spacing(exact_line())
}

/// 附件说明: 附件：1．… indented two characters, the following names aligned under the first;
/// no full stop after the names. One attachment is written without its number.
pub fn attachment_note(word: &str, names: &[String]) -> Vec<Paragraph> {
    let label = format!("{word}：");
    let label_chars = i32::try_from(label.chars().count()).unwrap_or(3);
    let numbered = names.len() > 1;
    names
        .iter()
        .enumerate()
        .map(|(i, name)| {
            let name = name.trim_end_matches(['。', '.']);
            let text = match (i, numbered) {
                (0, true) => format!("{label}1．{name}"),
                (0, false) => format!("{label}{name}"),
                (_, _) => format!("{}．{name}", i + 1),
            };
            Paragraph::new()
                .add_run(run(&text, FANGSONG, SIZE_3))
                .line_spacing(exact_line())
                .indent(
                    Some((2 + label_chars) * CHAR),
                    (i == 0).then_some(SpecialIndentType::Hanging(label_chars * CHAR)),
                    None,
                    None,
                )
        })
        .collect()
}

/// 署名 and 成文日期 with room for the seal: the date 右空四字, the signature centred over it,
/// after two blank lines for the seal to be pressed over both.
pub fn signature(name: &str, date: &str) -> Vec<Paragraph> {
    let name_chars = i32::try_from(name.chars().count()).unwrap_or(0);
    let date_chars = i32::try_from(date.chars().count()).unwrap_or(0);
    let date_right = 4 * CHAR;
    // A date's digits are half as wide as a character: centre on the date's real width.
    let date_width = date_chars * CHAR * 3 / 4;
    let name_right = (date_right + (date_width - name_chars * CHAR) / 2).max(0);
    vec![
        blank(),
        blank(),
        Paragraph::new()
            .add_run(run(name, FANGSONG, SIZE_3))
            .align(AlignmentType::Right)
            .indent(None, None, Some(name_right), None)
            .line_spacing(exact_line()),
        Paragraph::new()
            .add_run(run(date, FANGSONG, SIZE_3))
            .align(AlignmentType::Right)
            .indent(None, None, Some(date_right), None)
            .line_spacing(exact_line()),
    ]
}

/// 附注 of a 请示: （联系人：…，电话：…） 空二字 under the date.
pub fn annotation(contact: &str, phone: &str) -> Paragraph {
    body(&format!("（联系人：{contact}，电话：{phone}）"))
}

/// An attachment page's head: 附件N in 3号 黑体 flush left on the first line, the title centred
/// on the third. `new_page` when no section break already starts one.
pub fn attachment_head(label: &str, title_text: &str, new_page: bool) -> Vec<Paragraph> {
    vec![
        Paragraph::new()
            .add_run(run(label, HEITI, SIZE_3))
            .line_spacing(exact_line())
            .page_break_before(new_page)
            .keep_next(true),
        blank().keep_next(true),
        Paragraph::new()
            .add_run(run(title_text, XIAOBIAOSONG, SIZE_2))
            .align(AlignmentType::Center)
            .line_spacing(exact_line())
            .keep_next(true),
        blank().keep_next(true),
    ]
}

fn rule(position: ParagraphBorderPosition, eighths: usize) -> ParagraphBorder {
    ParagraphBorder::new(position)
        .val(BorderType::Single)
        .size(eighths)
        .space(4)
        .color("000000")
}

/// Thick rules of the 版记 (0.35 mm ≈ 1 pt) and the thin one between its lines (0.25 mm).
pub const THICK_RULE: usize = 8;
pub const THIN_RULE: usize = 6;

/// The 版记 at the foot of the last page: the 抄送 line (4号 仿宋, 空一字 each side), then 印发机关
/// (left, 空一字) and 印发日期 (right, 空一字, "…印发"), a thick rule above, thin ones between
/// and a thick one below. Framed at the bottom of the text block.
pub fn imprint(copied_to: &str, printed_by: &str, printed_on: &str) -> Vec<Paragraph> {
    let one = CHAR * 14 / 16;
    let framed = |p: Paragraph| {
        p.wrap("around")
            .v_anchor("margin")
            .h_anchor("margin")
            .y_align("bottom")
            .x_align("center")
            .frame_width(u32::try_from(TEXT_WIDTH).unwrap_or(0))
            .line_spacing(exact_line())
    };
    let mut out = Vec::new();
    let copy_line = copied_to.trim();
    if !copy_line.is_empty() {
        let text = format!(
            "抄送：{}。",
            copy_line.trim_end_matches(['。', '.', '，', ','])
        );
        let mut p = framed(
            Paragraph::new()
                .add_run(run(&text, FANGSONG, SIZE_4))
                .indent(Some(one), None, Some(one), None),
        );
        p.property = p.property.set_borders(
            ParagraphBorders::with_empty()
                .set(rule(ParagraphBorderPosition::Top, THICK_RULE))
                .set(rule(ParagraphBorderPosition::Bottom, THIN_RULE)),
        );
        out.push(p);
    }
    let right = i32::try_from(TEXT_WIDTH).unwrap_or(0) - one;
    let mut p = framed(
        Paragraph::new()
            .add_run(run(printed_by, FANGSONG, SIZE_4))
            .add_run(Run::new().add_tab())
            .add_run(run(&format!("{printed_on}印发"), FANGSONG, SIZE_4))
            .add_tab(
                Tab::new()
                    .val(TabValueType::Right)
                    .pos(usize::try_from(right).unwrap_or(0)),
            )
            .indent(Some(one), None, None, None),
    );
    let mut borders =
        ParagraphBorders::with_empty().set(rule(ParagraphBorderPosition::Bottom, THICK_RULE));
    if copy_line.is_empty() {
        borders = borders.set(rule(ParagraphBorderPosition::Top, THICK_RULE));
    }
    p.property = p.property.set_borders(borders);
    out.push(p);
    out
}

/// "— N —" in 宋体 4号, one character in from the right (odd pages) or the left (even pages).
pub fn page_number_footer(odd: bool) -> Footer {
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

/// The page margins of the text block (portrait) or the same block turned (landscape).
pub fn margins(landscape: bool) -> PageMargin {
    let (top, bottom, left, right) = if landscape {
        (
            MARGIN_LEFT_MM,
            MARGIN_RIGHT_MM,
            MARGIN_TOP_MM,
            MARGIN_BOTTOM_MM,
        )
    } else {
        (
            MARGIN_TOP_MM,
            MARGIN_BOTTOM_MM,
            MARGIN_LEFT_MM,
            MARGIN_RIGHT_MM,
        )
    };
    PageMargin {
        top: mm(top),
        bottom: mm(bottom),
        left: mm(left),
        right: mm(right),
        header: mm(15.0),
        footer: mm(18.0),
        gutter: 0,
    }
}

pub fn grid() -> DocGrid {
    DocGrid::new()
        .grid_type(DocGridType::Lines)
        .line_pitch(LINE_PITCH)
}

/// The relationship ids docx-rs gives the document's two footers (odd, then even): a section
/// that ends mid-document names them again so that its pages carry numbers too.
const ODD_FOOTER: &str = "rIdFooter1";
const EVEN_FOOTER: &str = "rIdFooter2";

/// An empty paragraph ending a section of the given orientation; the next starts a new page.
pub fn section_end(landscape: bool) -> Paragraph {
    let size = if landscape {
        PageSize::new()
            .width(PAGE_HEIGHT)
            .height(PAGE_WIDTH)
            .orient(PageOrientationType::Landscape)
    } else {
        PageSize::new().width(PAGE_WIDTH).height(PAGE_HEIGHT)
    };
    let section = SectionProperty::new()
        .page_size(size)
        .page_margin(margins(landscape))
        .doc_grid(grid())
        .footer(page_number_footer(true), ODD_FOOTER)
        .even_footer(page_number_footer(false), EVEN_FOOTER);
    Paragraph::new()
        .line_spacing(exact_line())
        .section_property(section)
}

/// The header row of every table repeats on each page. docx-rs cannot mark a row so; the
/// packed `document.xml` gets `<w:tblHeader/>` in the first row of each table.
pub fn repeat_header_rows(xml: &str) -> String {
    let mut out = String::with_capacity(xml.len() + 64);
    let mut rest = xml;
    while let Some(at) = rest.find("<w:tbl>") {
        let (before, table) = rest.split_at(at);
        out.push_str(before);
        match table.find("<w:trPr>") {
            Some(tr) => {
                let (head, tail) = table.split_at(tr + "<w:trPr>".len());
                out.push_str(head);
                out.push_str("<w:tblHeader />");
                rest = tail;
            }
            None => {
                out.push_str(table);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}
