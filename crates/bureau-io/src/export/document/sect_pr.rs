//! Section properties in the order the WordprocessingML schema gives them. docx-rs writes a
//! `w:sectPr`'s children in its own order (page size first, the footer references after the
//! grid) and has no field for where a section starts; the paper sets that (`w:type`, the 版记
//! on an even page) on the parsed document. Word reads out-of-order section properties only
//! leniently, so they are put in schema order on the way out.

/// `CT_SectPr`'s children in schema order.
const ORDER: [&str; 21] = [
    "headerReference",
    "footerReference",
    "footnotePr",
    "endnotePr",
    "type",
    "pgSz",
    "pgMar",
    "paperSrc",
    "pgBorders",
    "lnNumType",
    "pgNumType",
    "cols",
    "formProt",
    "vAlign",
    "noEndnote",
    "titlePg",
    "textDirection",
    "bidi",
    "rtlGutter",
    "docGrid",
    "printerSettings",
];

/// `xml` with every `w:sectPr` whose children are all empty elements reordered; any other
/// section properties are left as they are.
pub fn in_schema_order(xml: &str) -> String {
    let mut out = String::with_capacity(xml.len());
    let mut rest = xml;
    while let Some(start) = rest.find("<w:sectPr>") {
        let body_at = start + "<w:sectPr>".len();
        let Some(len) = rest[body_at..].find("</w:sectPr>") else {
            break;
        };
        out.push_str(&rest[..body_at]);
        out.push_str(&reordered(&rest[body_at..body_at + len]));
        rest = &rest[body_at + len..];
    }
    out.push_str(rest);
    out
}

fn reordered(children: &str) -> String {
    let mut elements: Vec<(usize, &str)> = Vec::new();
    let mut rest = children;
    while !rest.is_empty() {
        let Some(end) = rest.find("/>") else {
            return children.to_owned();
        };
        let element = &rest[..end + 2];
        let Some(name) = element
            .strip_prefix("<w:")
            .and_then(|e| e.split([' ', '/']).next())
        else {
            return children.to_owned();
        };
        if element[1..].contains('<') {
            return children.to_owned();
        }
        let rank = ORDER.iter().position(|o| *o == name).unwrap_or(ORDER.len());
        elements.push((rank, element));
        rest = &rest[end + 2..];
    }
    elements.sort_by_key(|(rank, _)| *rank);
    elements.iter().map(|(_, e)| *e).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn children_are_put_in_schema_order_and_anything_else_is_left() {
        let xml = r#"<w:p/><w:sectPr><w:pgSz w:w="1" /><w:docGrid w:type="lines" /><w:footerReference w:type="even" r:id="a" /><w:type w:val="evenPage" /></w:sectPr><w:sectPr><w:cols><w:col /></w:cols></w:sectPr>"#;
        assert_eq!(
            in_schema_order(xml),
            r#"<w:p/><w:sectPr><w:footerReference w:type="even" r:id="a" /><w:type w:val="evenPage" /><w:pgSz w:w="1" /><w:docGrid w:type="lines" /></w:sectPr><w:sectPr><w:cols><w:col /></w:cols></w:sectPr>"#
        );
    }
}
