//! The import templates' columns (the roster's here, the units' in `units.rs`): Chinese
//! headers, English aliases and common variants, and finding them in a header row in any order.
//! Everything but the roster's [`Field`]s is generic over the field type.

use super::cells::Cell;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    PoliceNumber,
    Name,
    Gender,
    Birth,
    Category,
    Rank,
    Post,
    CurrentUnit,
    Specialities,
    Qualifications,
    Wishes,
    CommunityPolice,
}

/// A template column: the field, its Chinese header, its English alias, other accepted
/// headers, and whether a roster must have it.
pub struct Column<F> {
    pub field: F,
    pub zh: &'static str,
    pub en: &'static str,
    pub variants: &'static [&'static str],
    pub required: bool,
}

/// In template order.
pub const COLUMNS: [Column<Field>; 12] = [
    col(
        Field::PoliceNumber,
        "警号",
        "police_number",
        &["警号/工号", "工号", "编号"],
        true,
    ),
    col(Field::Name, "姓名", "name", &[], true),
    col(Field::Gender, "性别", "gender", &[], true),
    col(
        Field::Birth,
        "出生年月",
        "birth",
        &["出生日期", "出生年月日", "出生时间"],
        true,
    ),
    col(
        Field::Category,
        "人员类别",
        "category",
        &["类别", "人员性质", "身份"],
        true,
    ),
    col(Field::Rank, "职级", "rank", &["警衔职级"], false),
    col(
        Field::Post,
        "职务",
        "post",
        &["中层职务", "领导职务"],
        false,
    ),
    col(
        Field::CurrentUnit,
        "现单位",
        "current_unit",
        &["单位", "所在单位", "现工作单位", "部门"],
        true,
    ),
    col(
        Field::Specialities,
        "专长",
        "specialities",
        &["专业特长", "特长"],
        false,
    ),
    col(
        Field::Qualifications,
        "资格",
        "qualifications",
        &["资格证书", "专业资格"],
        false,
    ),
    col(
        Field::Wishes,
        "意愿",
        "wishes",
        &["个人意愿", "志愿", "意向单位"],
        false,
    ),
    col(
        Field::CommunityPolice,
        "社区民警",
        "community_police",
        &["是否社区民警"],
        false,
    ),
];

pub const fn col<F>(
    field: F,
    zh: &'static str,
    en: &'static str,
    variants: &'static [&'static str],
    required: bool,
) -> Column<F> {
    Column {
        field,
        zh,
        en,
        variants,
        required,
    }
}

/// Every accepted header, for finding the header row (and the sheet).
pub fn header_words<F>(columns: &[Column<F>]) -> Vec<&'static str> {
    columns
        .iter()
        .flat_map(|c| [c.zh, c.en].into_iter().chain(c.variants.iter().copied()))
        .collect()
}

fn normalise(header: &str) -> String {
    header
        .trim()
        .trim_start_matches(['*', '＊'])
        .trim_end_matches(['*', '＊'])
        .chars()
        // A byte-order mark glued to the first header (a CSV joined from two files) is no
        // part of the header's name.
        .filter(|c| !c.is_whitespace() && *c != '\u{feff}')
        .collect::<String>()
        .to_lowercase()
        .replace(' ', "_")
}

/// The field a header names, if any.
pub fn field_of<F: Copy>(columns: &[Column<F>], header: &str) -> Option<F> {
    let h = normalise(header);
    // English aliases may also be written with spaces ("police number").
    let h_en = h.replace('-', "_");
    columns
        .iter()
        .find(|c| {
            c.zh == h
                || c.en == h_en
                || c.en.replace('_', "") == h_en.replace('_', "")
                || c.variants.contains(&h.as_str())
        })
        .map(|c| c.field)
}

/// The column of `field`; each table lists every field of its type exactly once.
pub fn column<F: PartialEq>(columns: &[Column<F>], field: F) -> Option<&Column<F>> {
    columns.iter().find(|c| c.field == field)
}

/// A header row matched: field → 0-based cell index, plus the headers as written.
#[derive(Debug, Clone)]
pub struct HeaderMap<F> {
    pub index: Vec<(F, usize)>,
    pub headers: Vec<String>,
    /// Headers seen twice (the second is ignored) and unknown headers (ignored).
    pub duplicates: Vec<(usize, String)>,
}

impl<F: PartialEq> HeaderMap<F> {
    pub fn get(&self, field: F) -> Option<usize> {
        self.index
            .iter()
            .find(|(f, _)| *f == field)
            .map(|(_, i)| *i)
    }

    pub fn matched(&self) -> usize {
        self.index.len()
    }
}

pub fn map_headers<F: Copy + PartialEq>(columns: &[Column<F>], cells: &[Cell]) -> HeaderMap<F> {
    let mut map = HeaderMap {
        index: Vec::new(),
        headers: cells.iter().map(|c| c.shown().trim().to_owned()).collect(),
        duplicates: Vec::new(),
    };
    for (i, c) in cells.iter().enumerate() {
        if let Some(field) = field_of(columns, &c.shown()) {
            if map.get(field).is_some() {
                map.duplicates.push((i, c.shown()));
            } else {
                map.index.push((field, i));
            }
        }
    }
    map
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_match_in_both_languages() {
        let field_of = |h: &str| field_of(&COLUMNS, h);
        assert_eq!(field_of("警号"), Some(Field::PoliceNumber));
        assert_eq!(field_of(" *姓名 "), Some(Field::Name));
        assert_eq!(field_of("Police Number"), Some(Field::PoliceNumber));
        assert_eq!(field_of("police_number"), Some(Field::PoliceNumber));
        assert_eq!(field_of("current_unit"), Some(Field::CurrentUnit));
        assert_eq!(field_of("出生日期"), Some(Field::Birth));
        assert_eq!(field_of("备注"), None);
        assert_eq!(field_of("\u{feff}警号"), Some(Field::PoliceNumber));
    }
}
