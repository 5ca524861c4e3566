//! The charts page: two small PNGs drawn by a tiny rasteriser (rectangles and a 3×5 digit
//! font), so that no plotting or font crate is needed. Unit names go in the document's captions,
//! the images carry the bars and their numbers.

use super::report::Report;

const WHITE: [u8; 3] = [255, 255, 255];
const INK: [u8; 3] = [40, 40, 40];
const GRID: [u8; 3] = [215, 215, 215];
const BLUE: [u8; 3] = [31, 78, 140];
const LIGHT_BLUE: [u8; 3] = [120, 160, 210];
const GREY: [u8; 3] = [170, 170, 170];

struct Canvas {
    w: u32,
    h: u32,
    px: Vec<u8>,
}

impl Canvas {
    fn new(w: u32, h: u32) -> Self {
        Canvas {
            w,
            h,
            px: WHITE.repeat((w * h) as usize),
        }
    }

    fn rect(&mut self, x0: i64, y0: i64, x1: i64, y1: i64, c: [u8; 3]) {
        let (x0, x1) = (
            x0.clamp(0, i64::from(self.w)),
            x1.clamp(0, i64::from(self.w)),
        );
        let (y0, y1) = (
            y0.clamp(0, i64::from(self.h)),
            y1.clamp(0, i64::from(self.h)),
        );
        for y in y0..y1 {
            for x in x0..x1 {
                let i = ((y * i64::from(self.w) + x) * 3) as usize;
                if let Some(p) = self.px.get_mut(i..i + 3) {
                    p.copy_from_slice(&c);
                }
            }
        }
    }

    /// Digits, '.', '%' and '-' at `scale` pixels per font pixel; returns the width drawn.
    fn text(&mut self, x: i64, y: i64, s: &str, scale: i64, c: [u8; 3]) -> i64 {
        let mut cx = x;
        for ch in s.chars() {
            let rows = glyph(ch);
            for (ry, bits) in rows.iter().enumerate() {
                for rx in 0..3 {
                    if bits & (0b100 >> rx) != 0 {
                        let px = cx + rx * scale;
                        let py = y + ry as i64 * scale;
                        self.rect(px, py, px + scale, py + scale, c);
                    }
                }
            }
            cx += 4 * scale;
        }
        cx - x
    }

    fn png(&self) -> Vec<u8> {
        let mut out = Vec::new();
        let mut enc = png::Encoder::new(&mut out, self.w, self.h);
        enc.set_color(png::ColorType::Rgb);
        enc.set_depth(png::BitDepth::Eight);
        let ok = enc
            .write_header()
            .and_then(|mut w| w.write_image_data(&self.px));
        if ok.is_err() {
            return Vec::new();
        }
        out
    }
}

fn text_width(s: &str, scale: i64) -> i64 {
    s.chars().count() as i64 * 4 * scale - scale
}

fn glyph(c: char) -> [u8; 5] {
    match c {
        '0' => [0b111, 0b101, 0b101, 0b101, 0b111],
        '1' => [0b010, 0b110, 0b010, 0b010, 0b111],
        '2' => [0b111, 0b001, 0b111, 0b100, 0b111],
        '3' => [0b111, 0b001, 0b111, 0b001, 0b111],
        '4' => [0b101, 0b101, 0b111, 0b001, 0b001],
        '5' => [0b111, 0b100, 0b111, 0b001, 0b111],
        '6' => [0b111, 0b100, 0b111, 0b101, 0b111],
        '7' => [0b111, 0b001, 0b010, 0b010, 0b010],
        '8' => [0b111, 0b101, 0b111, 0b101, 0b111],
        '9' => [0b111, 0b101, 0b111, 0b001, 0b111],
        '.' => [0b000, 0b000, 0b000, 0b000, 0b010],
        '%' => [0b101, 0b001, 0b010, 0b100, 0b101],
        '-' => [0b000, 0b000, 0b111, 0b000, 0b000],
        _ => [0; 5],
    }
}

pub const CHART_WIDTH: u32 = 590;

/// A rendered chart and its caption for the document.
#[derive(Debug, Clone)]
pub struct Chart {
    pub png: Vec<u8>,
    pub width: u32,
    pub height: u32,
    pub caption: String,
}

/// Officers per top-level new unit after the reform, one numbered bar each (the numbers
/// match the caption's list of unit names, left to right).
pub fn headcount_chart(report: &Report) -> Chart {
    let (w, h) = (CHART_WIDTH, 300u32);
    let mut c = Canvas::new(w, h);
    let bars = &report.chart_bars;
    let max = bars.iter().map(|b| b.1).max().unwrap_or(0).max(1);
    let (left, right, top, bottom) = (20i64, i64::from(w) - 10, 30i64, i64::from(h) - 30);
    for k in 0..=4 {
        let y = bottom - (bottom - top) * k / 4;
        c.rect(left, y, right, y + 1, GRID);
    }
    let n = bars.len().max(1) as i64;
    let slot = (right - left) / n;
    let bar = (slot * 2 / 3).max(2);
    for (i, (_, v)) in bars.iter().enumerate() {
        let x = left + slot * i as i64 + (slot - bar) / 2;
        let top_y = bottom - (bottom - top) * i64::from(*v) / i64::from(max);
        c.rect(x, top_y, x + bar, bottom, BLUE);
        let label = v.to_string();
        let scale = if slot >= 40 { 3 } else { 2 };
        c.text(
            x + (bar - text_width(&label, scale)) / 2,
            top_y - 6 * scale,
            &label,
            scale,
            INK,
        );
        let idx = (i + 1).to_string();
        c.text(
            x + (bar - text_width(&idx, 2)) / 2,
            bottom + 8,
            &idx,
            2,
            INK,
        );
    }
    c.rect(left, bottom, right, bottom + 2, INK);
    let names: Vec<String> = bars
        .iter()
        .enumerate()
        .map(|(i, (name, v))| format!("{}.{name} {v}人", i + 1))
        .collect();
    Chart {
        png: c.png(),
        width: w,
        height: h,
        caption: format!("图1 改革后各机构民警人数（{}）", names.join("；")),
    }
}

/// Officers by tier before (upper bar) and after (lower bar): stations (dark), other
/// grassroots units (light) and the office (grey), with the station share written in.
pub fn share_chart(report: &Report) -> Chart {
    let (w, h) = (CHART_WIDTH, 170u32);
    let mut c = Canvas::new(w, h);
    let m = &report.metrics;
    let total = i64::from(m.total_officers.max(1));
    let (left, right) = (20i64, i64::from(w) - 20);
    let span = right - left;
    for (row, t, share) in [
        (0i64, &m.before, m.station_share_before),
        (1, &m.after, m.station_share),
    ] {
        let y0 = 25 + row * 70;
        let y1 = y0 + 45;
        let station = i64::from(t.station_officers);
        let other = i64::from(t.grassroots_officers.saturating_sub(t.station_officers));
        let x1 = left + span * station / total;
        let x2 = x1 + span * other / total;
        c.rect(left, y0, x1, y1, BLUE);
        c.rect(x1, y0, x2, y1, LIGHT_BLUE);
        c.rect(x2, y0, right, y1, GREY);
        let label = format!("{:.1}%", share * 100.0);
        c.text(left + 8, y0 + 12, &label, 4, WHITE);
    }
    // 40% and 50% marks: the county and city-district station-share floors.
    for pct in [40i64, 50] {
        let x = left + span * pct / 100;
        c.rect(x, 18, x + 2, 145, [200, 30, 30]);
        let label = format!("{pct}%");
        c.text(x - text_width(&label, 2) / 2, 152, &label, 2, [200, 30, 30]);
    }
    Chart {
        png: c.png(),
        width: w,
        height: h,
        caption: "图2 民警分布及派出所民警占比（上为改革前，下为改革后；深色为派出所，浅色为其他基层所队，灰色为机关；红线为40%、50%）".into(),
    }
}
