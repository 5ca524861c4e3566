//! Synthetic Chinese personal and place names. No real person's name is intended.

use crate::rng::Rng;

const SURNAMES: &[&str] = &[
    "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭",
    "何", "高", "林", "罗", "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹", "彭", "曾",
    "肖", "田", "董", "袁", "潘", "于", "蒋", "蔡", "余", "杜", "叶", "程", "苏", "魏", "吕", "丁",
];
const MALE: &[&str] = &[
    "伟", "强", "磊", "军", "勇", "杰", "涛", "斌", "超", "明", "刚", "平", "辉", "鹏", "华", "飞",
    "鑫", "波", "宇", "浩", "凯", "健", "俊", "帆", "帅", "旭", "宁", "龙", "林", "阳", "峰", "亮",
    "志", "建", "国", "文", "晨", "博", "海", "东",
];
const FEMALE: &[&str] = &[
    "芳", "娜", "敏", "静", "丽", "艳", "娟", "霞", "燕", "玲", "婷", "雪", "琳", "慧", "颖", "倩",
    "洁", "萍", "红", "梅", "莉", "欣", "悦", "晶",
];
const PLACE: &[&str] = &[
    "城关", "东城", "西城", "南城", "北城", "青龙", "石桥", "白云", "河口", "马坪", "清溪", "龙潭",
    "桃源", "新华", "长安", "柳林", "松山", "凤凰", "金星", "红旗", "太平", "永安", "双河", "梨园",
    "枫林", "高桥", "平湖", "望江", "临江", "三里", "五里", "黄泥", "大坪", "竹园", "玉泉", "莲花",
    "花溪", "宝山", "东湖", "西湖",
];

pub fn person(rng: &mut Rng, female: bool) -> String {
    let surname = rng.pick(SURNAMES);
    let pool = if female { FEMALE } else { MALE };
    let first = rng.pick(pool);
    if rng.chance(0.6) {
        let second = rng.pick(pool);
        format!("{surname}{first}{second}")
    } else {
        format!("{surname}{first}")
    }
}

/// The `i`th place name: unique for i < PLACE.len() × (PLACE.len() + 1), stable for every i.
pub fn place(i: usize) -> String {
    let n = PLACE.len();
    if i < n {
        PLACE[i].to_owned()
    } else {
        let a = PLACE[(i / n - 1) % n];
        let b = PLACE[i % n];
        format!("{a}{b}")
    }
}
