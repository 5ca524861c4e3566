//! Writing rosters in the import template's layout: the empty template (Chinese headers, one
//! example row, a sheet of the workspace's units) and a roster filled with people, as XLSX or
//! CSV. Whatever is written here reads back to the same people.

use bureau_core::{Category, Gender, Person, Post, Qualification, Unit};
use rust_xlsxwriter::{Format, Workbook, XlsxError};

use super::columns::{Field, COLUMNS};

/// The cells of one person in template order, units written by name (by id when two units
/// share the name).
fn person_cells(p: &Person, old_units: &[Unit], new_units: &[Unit]) -> Vec<String> {
    COLUMNS
        .iter()
        .map(|c| match c.field {
            Field::PoliceNumber => p.police_number.clone(),
            Field::Name => p.name.clone(),
            Field::Gender => match p.gender {
                Gender::Male => "男",
                Gender::Female => "女",
            }
            .into(),
            Field::Birth => p.birth.to_string(),
            Field::Category => match p.category {
                Category::Officer => "民警",
                Category::Auxiliary => "辅警",
            }
            .into(),
            Field::Rank => p.rank.clone(),
            Field::Post => post_label(p.post).into(),
            Field::CurrentUnit => unit_label(&p.current_unit, old_units),
            Field::Specialities => p.specialities.join("、"),
            Field::Qualifications => p
                .qualifications
                .iter()
                .map(|q| qualification_label(*q))
                .collect::<Vec<_>>()
                .join("、"),
            Field::Wishes => p
                .wishes
                .iter()
                .map(|w| unit_label(w, new_units))
                .collect::<Vec<_>>()
                .join("、"),
            Field::CommunityPolice => if p.community_police { "是" } else { "否" }.into(),
        })
        .collect()
}

pub fn post_label(p: Post) -> &'static str {
    match p {
        Post::None => "无",
        Post::Head => "正职",
        Post::Deputy => "副职",
    }
}

pub fn qualification_label(q: Qualification) -> &'static str {
    match q {
        Qualification::ProfessionalGrade => "专业等级资格",
        Qualification::Legal => "法律职业资格",
    }
}

pub(super) fn unit_label(id: &str, units: &[Unit]) -> String {
    match units.iter().find(|u| u.id == id) {
        Some(u) if units.iter().filter(|v| v.name == u.name).count() == 1 => u.name.clone(),
        _ => id.to_owned(),
    }
}

/// A roster as XLSX in the template layout; every cell is text so that Excel keeps police
/// numbers and months as written.
pub fn roster_xlsx(
    people: &[Person],
    old_units: &[Unit],
    new_units: &[Unit],
) -> Result<Vec<u8>, XlsxError> {
    let rows: Vec<Vec<String>> = people
        .iter()
        .map(|p| person_cells(p, old_units, new_units))
        .collect();
    workbook(&rows, old_units, new_units)
}

/// The empty template: headers, one example row, and the units sheet.
pub fn template_xlsx(old_units: &[Unit], new_units: &[Unit]) -> Result<Vec<u8>, XlsxError> {
    let unit = old_units
        .first()
        .map_or("城关派出所".to_owned(), |u| u.name.clone());
    let wish = new_units.first().map_or(String::new(), |u| u.name.clone());
    let example = vec![
        "360999".into(),
        "张三".into(),
        "男".into(),
        "1985.03".into(),
        "民警".into(),
        "一级警长".into(),
        "无".into(),
        unit,
        "治安、刑侦".into(),
        "专业等级资格".into(),
        wish,
        "否".into(),
    ];
    workbook(&[example], old_units, new_units)
}

fn workbook(
    rows: &[Vec<String>],
    old_units: &[Unit],
    new_units: &[Unit],
) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let bold = Format::new().set_bold();
    let text = Format::new().set_num_format("@");
    let sheet = book.add_worksheet();
    sheet.set_name("花名册")?;
    for (c, col) in (0u16..).zip(COLUMNS.iter()) {
        sheet.write_string_with_format(0, c, col.zh, &bold)?;
        let width = match col.field {
            Field::CurrentUnit | Field::Wishes | Field::Specialities | Field::Qualifications => {
                22.0
            }
            Field::Name | Field::Rank => 12.0,
            _ => 10.0,
        };
        sheet.set_column_width(c, width)?;
    }
    sheet.set_freeze_panes(1, 0)?;
    for (r, row) in (1u32..).zip(rows) {
        for (c, value) in (0u16..).zip(row) {
            if !value.is_empty() {
                sheet.write_string_with_format(r, c, value, &text)?;
            }
        }
    }
    let units = book.add_worksheet();
    units.set_name("单位")?;
    for (c, h) in (0u16..).zip(["结构 structure", "编号 id", "名称 name"]) {
        units.write_string_with_format(0, c, h, &bold)?;
    }
    units.set_column_width(0, 16.0)?;
    units.set_column_width(1, 16.0)?;
    units.set_column_width(2, 26.0)?;
    units.set_freeze_panes(1, 0)?;
    let listed = old_units
        .iter()
        .map(|u| ("现单位 current", u))
        .chain(new_units.iter().map(|u| ("新机构 new", u)));
    for (r, (which, u)) in (1u32..).zip(listed) {
        units.write_string(r, 0, which)?;
        units.write_string(r, 1, &u.id)?;
        units.write_string(r, 2, &u.name)?;
    }
    book.save_to_buffer()
}

/// A roster as CSV in the template layout: UTF-8 with a BOM, so that Excel opens it right.
pub fn roster_csv(people: &[Person], old_units: &[Unit], new_units: &[Unit]) -> Vec<u8> {
    let mut out = String::from("\u{feff}");
    let header: Vec<String> = COLUMNS.iter().map(|c| c.zh.to_owned()).collect();
    push_csv_row(&mut out, &header);
    for p in people {
        push_csv_row(&mut out, &person_cells(p, old_units, new_units));
    }
    out.into_bytes()
}

/// One CSV record, quoting fields that need it; CRLF line ends as Excel writes them.
pub fn push_csv_row(out: &mut String, cells: &[String]) {
    for (i, c) in cells.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        if c.contains([',', '"', '\n', '\r']) || c.starts_with(' ') || c.ends_with(' ') {
            out.push('"');
            out.push_str(&c.replace('"', "\"\""));
            out.push('"');
        } else {
            out.push_str(c);
        }
    }
    out.push_str("\r\n");
}
