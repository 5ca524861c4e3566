//! The bureau templates the samples are built from: the 24 internal units of a county bureau
//! (with the worked example's headcounts) and the "1+5(+N)+1" target structure of DOMAIN.md.

use bureau_core::{Operation, UnitKind};

/// An old internal unit: county headcounts, the speciality its people mostly hold, and the new
/// units it is merged into (first = default destination).
pub struct InternalUnit {
    pub id: &'static str,
    pub name: &'static str,
    pub kind: UnitKind,
    pub officers: u32,
    pub auxiliaries: u32,
    pub speciality: &'static str,
    pub to: &'static [&'static str],
}

const fn iu(
    id: &'static str,
    name: &'static str,
    officers: u32,
    auxiliaries: u32,
    speciality: &'static str,
    to: &'static [&'static str],
) -> InternalUnit {
    InternalUnit {
        id,
        name,
        kind: UnitKind::Department,
        officers,
        auxiliaries,
        speciality,
        to,
    }
}

/// 196 officers and 173 auxiliaries in the county.
pub const INTERNAL_UNITS: [InternalUnit; 24] = [
    iu("o-bgs", "办公室", 10, 8, "综合", &["d-cmd"]),
    iu("o-zzc", "政治处", 8, 4, "综合", &["d-svc"]),
    iu("o-jbs", "警务保障室", 5, 6, "综合", &["d-svc"]),
    iu("o-dc", "督察大队", 4, 1, "督察", &["d-cmd"]),
    iu("o-fz", "法制大队", 9, 4, "法制", &["d-law"]),
    iu("o-qz", "情报指挥中心", 12, 14, "情报", &["d-hc", "d-cmd"]),
    iu("o-xz", "刑侦大队", 28, 20, "刑侦", &["d-inv"]),
    iu("o-jz", "经侦大队", 8, 3, "经侦", &["d-inv"]),
    iu("o-jd", "禁毒大队", 7, 6, "禁毒", &["d-inv"]),
    iu("o-wa", "网安大队", 9, 4, "网安", &["d-inv", "d-cmd"]),
    iu("o-za", "治安管理大队", 14, 12, "治安", &["d-prev", "d-inv"]),
    iu("o-crj", "出入境管理大队", 5, 4, "治安", &["d-inv"]),
    iu("o-syh", "食药环知侦大队", 5, 3, "经侦", &["d-inv"]),
    iu("o-xtj", "巡特警大队", 18, 43, "巡逻", &["d-prev"]),
    iu("o-gb", "国保大队", 6, 1, "情报", &["d-prev"]),
    iu("o-fk", "反恐大队", 4, 2, "情报", &["d-cmd"]),
    iu("o-kt", "科技通信科", 5, 3, "技术", &["d-cmd"]),
    InternalUnit {
        kind: UnitKind::Detention,
        ..iu("o-kss", "看守所", 14, 18, "监管", &["d-law"])
    },
    iu("o-jw", "警卫大队", 3, 1, "巡逻", &["d-prev"]),
    iu("o-jgdw", "机关党委", 2, 0, "综合", &["d-svc"]),
    iu("o-jgjw", "机关纪委", 2, 0, "综合", &["d-svc"]),
    iu("o-xzsp", "行政审批科", 4, 6, "综合", &["d-svc"]),
    iu("o-jjdd", "交警大队机关", 12, 10, "交通", &["d-tr"]),
    iu("o-khb", "考核办", 2, 0, "综合", &["d-cmd"]),
];

/// A new top-level office unit with its sub-units (id suffix, name, officer establishment).
pub struct NewDepartment {
    pub id: &'static str,
    pub name: &'static str,
    pub kind: UnitKind,
    pub operation: Operation,
    pub establishment: u32,
    pub sub_units: &'static [(&'static str, &'static str, u32)],
}

pub const NEW_DEPARTMENTS: [NewDepartment; 7] = [
    NewDepartment {
        id: "d-hc",
        name: "合成作战中心",
        kind: UnitKind::OperationsCentre,
        operation: Operation::Physical,
        establishment: 12,
        sub_units: &[],
    },
    NewDepartment {
        id: "d-cmd",
        name: "警务指挥部",
        kind: UnitKind::Department,
        operation: Operation::Physical,
        establishment: 22,
        sub_units: &[
            ("zh", "指挥室", 7),
            ("qb", "情报室", 6),
            ("zhs", "综合室", 5),
            ("dk", "督考队", 4),
        ],
    },
    NewDepartment {
        id: "d-inv",
        name: "刑事侦查部",
        kind: UnitKind::Department,
        operation: Operation::Physical,
        establishment: 46,
        sub_units: &[
            ("zhs", "综合室", 4),
            ("js", "技术室", 6),
            ("yp", "研判室", 6),
            ("za", "重案队", 10),
            ("jz", "经侦队", 8),
            ("qc", "侵财队", 6),
            ("ba", "办案队", 6),
        ],
    },
    NewDepartment {
        id: "d-prev",
        name: "安全防控部",
        kind: UnitKind::Department,
        operation: Operation::Physical,
        establishment: 20,
        sub_units: &[
            ("zhs", "综合室", 3),
            ("jc", "基础防控队", 6),
            ("ab", "安保维稳队", 5),
            ("xf", "巡防处突队", 6),
        ],
    },
    NewDepartment {
        id: "d-law",
        name: "执法管理部",
        kind: UnitKind::Department,
        operation: Operation::Virtual,
        establishment: 28,
        sub_units: &[
            ("xzzf", "行政执法业务队", 3),
            ("xszf", "刑事执法业务队", 3),
            ("jd", "执法监督管理队", 2),
            ("ba", "执法办案管理中心", 3),
            ("sa", "涉案财物管理中心", 2),
            ("zhs", "综合室", 2),
            ("kss", "看守所", 13),
        ],
    },
    NewDepartment {
        id: "d-svc",
        name: "服务保障部",
        kind: UnitKind::Department,
        operation: Operation::Virtual,
        establishment: 14,
        sub_units: &[
            ("zzc", "政治处", 6),
            ("jbs", "警保室", 4),
            ("fw", "公安行政服务中心", 4),
        ],
    },
    NewDepartment {
        id: "d-tr",
        name: "交警大队",
        kind: UnitKind::Department,
        operation: Operation::Physical,
        establishment: 10,
        sub_units: &[],
    },
];

pub const BACKGROUND: &str = "按照公安部关于深化公安机关机构改革和大部门大警种制改革的部署，\
本局坚持“精简机关、充实基层、优化结构”的原则，整合职能相近、交叉重叠的内设机构，\
组建新的警务运行体系，推动警力向基层所队下沉，\
确保派出所警力占比不低于40%、社区民警占派出所警力不低于40%，\
做到中层职数不减、职级不降，尊重民警意愿和专长。";
