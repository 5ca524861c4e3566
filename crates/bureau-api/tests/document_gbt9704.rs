//! The paper a director signs, read back element by element from the DOCX's XML against
//! GB/T 9704 (docs/document.md): the 版头 (密级, red 标志, 文号 and red separator, 签发人), the
//! title, 主送 with its colon, body fonts and sizes, 附件说明, 署名 and date placed for the seal,
//! 附注, attachments on their own pages with repeating header rows and 合计 rows, landscape
//! pages for wide tables, the 版记 rules and the page-number field. Also: no en-dash range, no
//! app word, no unticked note, no sample string in another bureau's paper; the settings are
//! validated, remembered and audited. For both templates on the county, the city sample and a
//! bureau that is not the sample.

use std::io::{Cursor, Read};

use base64::Engine;
use bureau_api::{Api, ErrorCode};
use bureau_core::templates::{apply, Template};
use bureau_core::BureauFile;
use bureau_io::export::check_document_number;
use bureau_storage::Workspace;
use serde_json::{json, Value};

/// Words of the app, never of a paper.
const APP_WORDS: [&str; 8] = [
    "规则要求",
    "规划指定",
    "倾向性",
    "初始方案",
    "工作底稿甲",
    "比较方案",
    "本人意愿部门以外",
    "规则",
];

const NOTE: &str = "内部备注：此稿仅供规划组讨论";

struct Part {
    document: String,
    footers: Vec<String>,
}

fn unzip(bytes: &[u8]) -> Part {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).expect("zip");
    let mut read = |name: &str| {
        let mut s = String::new();
        zip.by_name(name)
            .map(|mut f| f.read_to_string(&mut s).map(|_| ()))
            .ok()
            .and_then(Result::ok)
            .map(|()| s)
    };
    let document = read("word/document.xml").expect("document.xml");
    let footers = (1..=2)
        .map(|i| read(&format!("word/footer{i}.xml")).expect("footer"))
        .collect();
    Part { document, footers }
}

/// The paragraphs of the body, as XML, with their text.
fn paragraphs(xml: &str) -> Vec<(&str, String)> {
    raw_paragraphs(xml)
        .into_iter()
        .map(|p| (p, text(p)))
        .collect()
}

fn raw_paragraphs(xml: &str) -> Vec<&str> {
    // One pass: searching for each of two openings separately rescans the rest of a large
    // document whenever one of them no longer occurs.
    let mut out = Vec::new();
    let mut rest = xml;
    while let Some(at) = rest.find("<w:p") {
        let from = &rest[at..];
        if !matches!(from.as_bytes().get(4), Some(b' ' | b'>')) {
            rest = &from[4..];
            continue;
        }
        let end = from
            .find("</w:p>")
            .map_or(from.len(), |e| e + "</w:p>".len());
        out.push(&from[..end]);
        rest = &from[end..];
    }
    out
}

fn text(xml: &str) -> String {
    let mut out = String::new();
    for part in xml.split("<w:t").skip(1) {
        if !(part.starts_with('>') || part.starts_with(' ')) {
            continue;
        }
        if let Some((_, rest)) = part.split_once('>') {
            if let Some((t, _)) = rest.split_once("</w:t>") {
                out.push_str(t);
            }
        }
    }
    out
}

fn para<'a>(ps: &[(&'a str, String)], pred: impl Fn(&str) -> bool, what: &str) -> &'a str {
    ps.iter()
        .find(|(_, t)| pred(t))
        .map(|(p, _)| *p)
        .unwrap_or_else(|| panic!("no paragraph {what}"))
}

fn position(ps: &[(&str, String)], wanted: &str) -> Option<usize> {
    ps.iter().position(|(_, t)| t == wanted)
}

/// The run of `p` whose text contains `needle`.
fn run_of<'a>(p: &'a str, needle: &str) -> &'a str {
    p.split("<w:r>")
        .skip(1)
        .find(|r| text(r).contains(needle))
        .unwrap_or_else(|| panic!("no run {needle} in {p}"))
}

fn font_and_size(run: &str, font: &str, half_points: u32, what: &str) {
    assert!(
        run.contains(&format!(r#"w:eastAsia="{font}""#)),
        "{what}: not in {font}: {run}"
    );
    assert!(
        run.contains(&format!(r#"<w:sz w:val="{half_points}" />"#)),
        "{what}: not {half_points} half-points: {run}"
    );
}

/// A workspace of `file` with a scenario from `template` (or the file's own), solved and the
/// plan accepted, and a note on it. Returns the API and the scenario id.
fn planned(file: &BureauFile, template: Option<&str>, dir: &std::path::Path) -> (Api, i64) {
    let api = Api::new(Workspace::create(&dir.join("w.bpw"), file, "工作底稿甲").expect("create"));
    let info = api.call("workspace_info", json!({})).expect("info");
    let id = match template {
        Some(t) => api
            .call(
                "create_scenario",
                json!({"name": "比较方案", "template": t}),
            )
            .expect("scenario")["id"]
            .as_i64()
            .expect("id"),
        None => info["scenarios"][0]["id"].as_i64().expect("id"),
    };
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
    api.call(
        "set_scenario_notes",
        json!({"scenario_id": id, "notes": NOTE}),
    )
    .expect("notes");
    (api, id)
}

fn export(api: &Api, id: i64, settings: &Value, compare: &[i64]) -> Part {
    let out = api
        .call(
            "export_document",
            json!({"scenario_id": id, "format": "docx", "settings": settings, "compare": compare}),
        )
        .expect("export");
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(out["bytes_base64"].as_str().expect("bytes"))
        .expect("base64");
    unzip(&bytes)
}

fn settings_of(api: &Api, id: i64) -> Value {
    api.call("document_settings", json!({"scenario_id": id}))
        .expect("settings")["settings"]
        .clone()
}

/// Checks one paper; `request` says which.
fn check_paper(part: &Part, settings: &Value, bureau_name: &str, request: bool, at: &str) {
    let xml = &part.document;
    let ps = paragraphs(xml);
    let issuer = settings["issuer"].as_str().expect("issuer");
    assert_eq!(
        issuer, bureau_name,
        "{at}: the default 发文机关 is the bureau"
    );

    // 密级 (a marking by default), 3号 黑体, before the 标志.
    let marking = para(&ps, |t| t == "内部", "内部");
    font_and_size(run_of(marking, "内部"), "黑体", 32, at);

    // The red 发文机关标志 in 小标宋.
    let mast = para(&ps, |t| t == format!("{issuer}文件"), "标志");
    let r = run_of(mast, "文件");
    font_and_size(r, "方正小标宋简体", 72, at);
    assert!(
        r.contains(r#"<w:color w:val="FF0000" />"#),
        "{at}: 标志 not red"
    );
    assert!(
        mast.contains(r#"<w:jc w:val="center" />"#),
        "{at}: 标志 centred"
    );

    // 文号 (and 签发人 for a 请示) with the red separator under it.
    let number = settings["document_number"].as_str().expect("number");
    check_document_number(number).unwrap_or_else(|e| panic!("{at}: {e}"));
    let line = para(&ps, |t| t.starts_with(number), "文号");
    assert!(
        line.contains(r#"<w:bottom w:val="single""#) && line.contains(r#"w:color="FF0000""#),
        "{at}: no red separator under the 文号: {line}"
    );
    if request {
        assert!(text(line).contains("签发人："), "{at}: 签发人");
        font_and_size(run_of(line, "签发人姓名"), "楷体_GB2312", 32, at);
    } else {
        assert!(!text(line).contains("签发人"), "{at}: a plan has no 签发人");
    }

    // Title: 2号 小标宋, centred.
    let title = if request {
        format!("关于《{bureau_name}")
    } else {
        format!("{bureau_name}机构改革实施方案")
    };
    let t = para(&ps, |x| x.starts_with(&title), "title");
    font_and_size(run_of(t, &title), "方正小标宋简体", 44, at);
    assert!(
        t.contains(r#"<w:jc w:val="center" />"#),
        "{at}: title centred"
    );

    // 主送 flush left with a full-width colon.
    let addressee = para(&ps, |x| x == "局党委：", "主送");
    assert!(
        !addressee.contains("w:firstLine"),
        "{at}: 主送 is flush left"
    );

    // Body: headings in 黑体, run-in headings in 楷体, text in 仿宋 3号 indented two characters.
    let h = para(&ps, |x| x == "一、改革背景和必要性", "heading 一");
    font_and_size(run_of(h, "一、"), "黑体", 32, at);
    let lead = para(&ps, |x| x.starts_with("（一）坚持党的绝对领导"), "（一）");
    font_and_size(run_of(lead, "（一）"), "楷体_GB2312", 32, at);
    let body = para(&ps, |x| x.starts_with("通过改革，内设机构"), "goals");
    font_and_size(run_of(body, "通过改革"), "仿宋_GB2312", 32, at);
    assert!(body.contains(r#"w:firstLine="640""#), "{at}: body indent");
    for heading in [
        "二、指导思想和基本原则",
        "三、改革目标",
        "四、机构设置和主要职责",
        "五、人员编制和领导职数",
        "六、警力配置",
        "七、人员安置",
        "八、实施步骤",
        "九、工作要求",
    ] {
        para(&ps, |x| x == heading, heading);
    }

    // 附件说明: 附件：1．… then 2．… aligned under the first name, no full stop.
    let word = if request { "附表" } else { "附件" };
    let first = para(&ps, |x| x.starts_with(&format!("{word}：1．")), "附件说明");
    assert!(
        first.contains(r#"w:left="1600""#) && first.contains(r#"w:hanging="960""#),
        "{at}: 附件说明 indent: {first}"
    );
    let second = para(&ps, |x| x.starts_with("2．"), "附件说明 2");
    assert!(
        second.contains(r#"w:left="1600""#),
        "{at}: second name aligned"
    );
    assert!(
        !text(first).ends_with('。'),
        "{at}: no full stop after names"
    );

    // 署名 and 成文日期: right aligned, the date 右空四字, two blank lines for the seal above.
    let date = settings["written_on"].clone();
    let written = format!("{}年{}月{}日", date["year"], date["month"], date["day"]);
    let date_at = position(&ps, &written).unwrap_or_else(|| panic!("{at}: no 成文日期 {written}"));
    let date_p = ps[date_at].0;
    assert!(
        date_p.contains(r#"<w:jc w:val="right" />"#) && date_p.contains(r#"w:right="1280""#),
        "{at}: date placement {date_p}"
    );
    let (signed, signed_text) = &ps[date_at - 1];
    assert_eq!(signed_text, issuer, "{at}: 署名 above the date");
    assert!(
        signed.contains(r#"<w:jc w:val="right" />"#),
        "{at}: 署名 right"
    );
    assert!(
        ps[date_at - 2].1.is_empty() && ps[date_at - 3].1.is_empty(),
        "{at}: room for the seal"
    );
    // The signature never stands on a page of its own: from the body's last paragraph on,
    // through the 附件说明 and the room for the seal, every paragraph keeps with the next.
    let is_note = |t: &str| {
        t.is_empty()
            || t.starts_with("附件：")
            || t.chars().next().is_some_and(|c| c.is_ascii_digit()) && t.contains('．')
    };
    let mut last_body = date_at - 1;
    while last_body > 0 && (last_body >= date_at - 1 || is_note(&ps[last_body].1)) {
        last_body -= 1;
    }
    for (p, t) in &ps[last_body..date_at] {
        assert!(
            p.contains("<w:keepNext />"),
            "{at}: {t:?} does not keep with the signature"
        );
    }
    if request {
        let note = &ps[date_at + 1].1;
        assert_eq!(
            note.as_str(),
            "（联系人：联系人姓名，电话：0000-0000000）",
            "{at}: 附注 under the date"
        );
    }

    // Attachments: 附件N (黑体) each on a new page, title centred; the plan itself for a 请示.
    for n in 1..=5 {
        let label = format!("{word}{n}");
        let at_label = position(&ps, &label).unwrap_or_else(|| panic!("{at}: no {label}"));
        let p = ps[at_label].0;
        font_and_size(run_of(p, &label), "黑体", 32, at);
        let new_page =
            p.contains("<w:pageBreakBefore />") || ps[at_label - 1].0.contains("<w:sectPr>");
        assert!(new_page, "{at}: {label} does not start a page");
        let title = ps[at_label + 2].0;
        assert!(
            title.contains(r#"<w:jc w:val="center" />"#),
            "{at}: {label} title"
        );
    }
    if request {
        let p = para(&ps, |x| x == "附件", "the plan as 附件");
        assert!(
            p.contains("<w:pageBreakBefore />"),
            "{at}: the plan starts a page"
        );
    }

    // Every table's header row repeats; 合计 rows; wide tables on landscape pages.
    let tables: Vec<&str> = xml.split("<w:tbl>").skip(1).collect();
    assert!(tables.len() >= 6, "{at}: {} tables", tables.len());
    for (i, t) in tables.iter().enumerate() {
        let first_row = t.split("</w:tr>").next().unwrap_or("");
        assert!(
            first_row.contains("<w:tblHeader />"),
            "{at}: table {i} has no repeating header"
        );
    }
    // Every table spans the text width exactly (portrait 156 mm, landscape 225 mm, in
    // twentieths of a point), its grid summing to that width, so none runs into the margin.
    for (i, t) in tables.iter().enumerate() {
        let table = t.split("</w:tbl>").next().unwrap_or("");
        let number =
            |after: &str| -> Option<u32> { after.split('"').next().and_then(|n| n.parse().ok()) };
        let width = table
            .split("<w:tblW w:w=\"")
            .nth(1)
            .and_then(number)
            .unwrap_or_else(|| panic!("{at}: table {i} has no width in dxa"));
        assert!(
            width == 8844 || width == 12756,
            "{at}: table {i} is {width} wide, not the text width"
        );
        let grid: u32 = table
            .split("<w:gridCol w:w=\"")
            .skip(1)
            .map(|c| number(c).unwrap_or_else(|| panic!("{at}: table {i}: a column width")))
            .sum();
        assert_eq!(
            grid, width,
            "{at}: table {i}'s columns do not fill its width"
        );
    }
    let totals = tables.iter().filter(|t| t.contains(">合计<")).count();
    assert!(totals >= 3, "{at}: {totals} 合计 rows");
    assert!(
        xml.contains(r#"w:orient="landscape""#),
        "{at}: no landscape page for the wide tables"
    );

    // 版记: 抄送 between a thick rule and a thin one, 印发 over a thick one, at the page foot.
    let copy = para(&ps, |x| x.starts_with("抄送："), "抄送");
    font_and_size(run_of(copy, "抄送"), "仿宋_GB2312", 28, at);
    assert!(
        copy.contains(r#"<w:top w:val="single" w:space="4" w:sz="8""#)
            && copy.contains(r#"<w:bottom w:val="single" w:space="4" w:sz="6""#),
        "{at}: 抄送 rules {copy}"
    );
    let printed = para(&ps, |x| x.ends_with("印发"), "印发");
    assert!(
        printed.contains(r#"<w:bottom w:val="single" w:space="4" w:sz="8""#),
        "{at}: 印发 rule"
    );
    assert!(
        printed.contains(r#"w:yAlign="bottom""#),
        "{at}: 版记 at the foot"
    );
    assert!(
        text(printed).starts_with(settings["printed_by"].as_str().expect("printed_by")),
        "{at}"
    );

    // The 版记's section starts on an even page (the back of the last sheet), and every
    // section's properties are in schema order (footer references, start, page size …).
    let last_section = xml.rsplit("<w:sectPr>").next().unwrap_or("");
    assert!(
        last_section.contains(r#"<w:type w:val="evenPage" />"#),
        "{at}: the 版记 does not start on an even page"
    );
    for section in xml.split("<w:sectPr>").skip(1) {
        let section = section.split("</w:sectPr>").next().unwrap_or("");
        let at_of = |tag: &str| section.find(tag).unwrap_or(usize::MAX);
        assert!(
            at_of("<w:footerReference") < at_of("<w:pgSz")
                && at_of("<w:pgSz") < at_of("<w:docGrid"),
            "{at}: section properties out of schema order: {section}"
        );
    }

    // Page numbers: "— n —" in 4号 宋体, right on odd pages and left on even ones.
    for f in &part.footers {
        assert!(f.contains("PAGE"), "{at}: page field");
        let field_run = f
            .split("<w:r>")
            .find(|r| r.contains("PAGE") || r.contains("fldChar"))
            .expect("field run");
        font_and_size(field_run, "宋体", 28, at);
        assert!(text(f).starts_with("— ") && text(f).ends_with(" —"), "{at}");
    }
    assert!(part.footers.iter().any(|f| f.contains(r#"w:val="right""#)));
    assert!(part.footers.iter().any(|f| f.contains(r#"w:val="left""#)));

    // Words: ranges with ～, no app word, no scenario name, no unticked note.
    let all: String = ps.iter().map(|(_, t)| t.as_str()).collect();
    assert!(!all.contains('–'), "{at}: an en-dash range");
    assert!(
        !all.contains("低于不低于"),
        "{at}: a requirement read twice"
    );
    assert!(
        !all.contains("不低于40.0%"),
        "{at}: a rule's 40% printed as 40.0%"
    );
    for w in APP_WORDS {
        assert!(!all.contains(w), "{at}: the app word {w}");
    }
    assert!(!all.contains(NOTE), "{at}: an unticked note is printed");
}

fn paper_settings(api: &Api, id: i64, kind: &str) -> Value {
    let mut s = settings_of(api, id);
    s["kind"] = json!(kind);
    s["signer"] = json!("签发人姓名");
    s["contact"] = json!("联系人姓名");
    s["phone"] = json!("0000-0000000");
    s["copied_to"] = json!("县委编办，县人社局");
    s
}

fn check_both(file: &BureauFile, template: Option<&str>, bureau_name: &str) -> (String, String) {
    let dir = tempfile::tempdir().expect("tempdir");
    let (api, id) = planned(file, template, dir.path());
    let first = api.call("workspace_info", json!({})).expect("info")["scenarios"][0]["id"]
        .as_i64()
        .expect("id");
    let compare: Vec<i64> = if first == id { vec![] } else { vec![first] };
    let at = format!("{bureau_name} {}", template.unwrap_or("sample"));
    let plan_settings = paper_settings(&api, id, "plan");
    let plan = export(&api, id, &plan_settings, &compare);
    check_paper(
        &plan,
        &plan_settings,
        bureau_name,
        false,
        &format!("{at} plan"),
    );
    let request_settings = paper_settings(&api, id, "request_with_plan");
    let request = export(&api, id, &request_settings, &compare);
    check_paper(
        &request,
        &request_settings,
        bureau_name,
        true,
        &format!("{at} request"),
    );
    assert!(text(&request.document).contains("妥否，请批示。"), "{at}");
    if !compare.is_empty() {
        assert!(text(&plan.document).contains("方案比选表"), "{at}");
    }
    // The settings used are remembered for the scenario.
    assert_eq!(settings_of(&api, id), request_settings, "{at}: remembered");
    (text(&plan.document), text(&request.document))
}

#[test]
fn county_papers_follow_gbt9704_for_both_templates() {
    let county = bureau_samples::county();
    for template in ["1+5(+N)+1", "1+3+4+1"] {
        check_both(&county, Some(template), "青山县公安局");
    }
}

#[test]
fn city_papers_follow_gbt9704() {
    let city = bureau_samples::city();
    let name = city.bureau.name.clone();
    check_both(&city, None, &name);
}

#[test]
fn a_new_bureau_gets_its_own_papers_with_nothing_of_the_sample() {
    let bureau = bureau_samples::test_county();
    let (structure, draft) = apply(Template::OnePlusFive, &bureau);
    // The template's own names (交警大队机关 …) are every bureau's, not the sample's.
    let template_names: Vec<String> = structure.units.iter().map(|u| u.name.clone()).collect();
    let file = BureauFile::new(bureau.clone(), structure, Some(draft));
    let (plan, request) = check_both(&file, None, &bureau.info.name);
    let sample = bureau_samples::county();
    let own: Vec<&str> = bureau
        .old_units
        .iter()
        .map(|u| u.name.as_str())
        .chain(template_names.iter().map(String::as_str))
        .collect();
    let mut sample_strings = vec![sample.bureau.name.clone(), "青山".to_owned()];
    sample_strings.extend(
        sample
            .old_units
            .iter()
            .map(|u| u.name.clone())
            .filter(|n| n.chars().count() >= 4 && !own.contains(&n.as_str())),
    );
    for s in &sample_strings {
        assert!(
            !plan.contains(s.as_str()),
            "the plan names the sample's {s}"
        );
        assert!(
            !request.contains(s.as_str()),
            "the request names the sample's {s}"
        );
    }
}

#[test]
fn a_ticked_note_is_printed_and_bad_settings_are_refused_and_change_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (api, id) = planned(&bureau_samples::county(), Some("1+5(+N)+1"), dir.path());
    let mut s = paper_settings(&api, id, "plan");
    s["notes_in_document"] = json!(true);
    let part = export(&api, id, &s, &[]);
    assert!(
        text(&part.document).contains(NOTE),
        "a ticked note is printed"
    );

    let audited = |api: &Api| {
        api.call("history", json!({"scenario_id": id, "limit": 500}))
            .expect("history")
            .as_array()
            .expect("rows")
            .iter()
            .filter(|r| r["action"] == "document_settings")
            .count()
    };
    let before = audited(&api);
    assert!(before >= 1, "remembering settings is audited");
    let remembered = settings_of(&api, id);
    for (field, value) in [
        ("document_number", json!("青公[2026]12号")),
        ("document_number", json!("青公〔2026〕第12号")),
        ("document_number", json!("青公〔2026〕012号")),
        ("phone", json!("电话")),
        ("issuer", json!("")),
    ] {
        let mut bad = remembered.clone();
        bad[field] = value;
        let err = api
            .call(
                "export_document",
                json!({"scenario_id": id, "format": "docx", "settings": bad}),
            )
            .expect_err(field);
        assert_eq!(err.code, ErrorCode::BadRequest, "{field}");
        assert!(err.message.contains(field), "{field}: {}", err.message);
        let err = api
            .call(
                "set_document_settings",
                json!({"scenario_id": id, "settings": bad}),
            )
            .expect_err(field);
        assert_eq!(err.code, ErrorCode::BadRequest, "{field}");
    }
    assert_eq!(settings_of(&api, id), remembered, "nothing changed");
    assert_eq!(audited(&api), before, "nothing audited");
    let mut secret = remembered.clone();
    secret["classification"] = json!("secret");
    secret["copy_number"] = json!("000123");
    let part = export(&api, id, &secret, &[]);
    let all = text(&part.document);
    let head: String = all.chars().take(40).collect();
    assert!(
        all.starts_with("000123秘密★1年"),
        "份号 and 密级★期限 first: {head}"
    );
    assert_eq!(audited(&api), before + 1);
}
