// 测试县公安局, the bureau that is deliberately not the sample, as the files its reform office
// would bring: 18 old units (ten office departments, six police stations, two traffic squads)
// and 250 people with names no one in the sample has.
import assert from 'node:assert/strict';
import { rosterStrings } from './workspace-bytes.mjs';

export const BUREAU = '测试县公安局';
export const OFFICE = ['办公室', '政治处', '指挥中心', '刑侦大队', '经侦大队', '治安大队', '禁毒大队', '法制大队', '巡特警大队', '警务保障室'];
export const STATIONS = ['东城派出所', '西城派出所', '南关派出所', '北塘派出所', '柳河派出所', '石桥派出所'];
export const SQUADS = ['交警一中队', '交警二中队'];

/** Officers and auxiliaries per unit (200 + 50 = 250 people). */
export const staffing = [
  ...OFFICE.map((name) => ({ name, officers: 10, auxiliaries: 1 })),
  ...STATIONS.map((name) => ({ name, officers: 14, auxiliaries: 5 })),
  ...SQUADS.map((name) => ({ name, officers: 8, auxiliaries: 5 })),
];
export const OFFICERS = staffing.reduce((s, u) => s + u.officers, 0);
export const AUXILIARIES = staffing.reduce((s, u) => s + u.auxiliaries, 0);

/** The 单位编制 table: header, then one row per old unit. */
export function unitRows() {
  const rows = [['单位名称', '类型', '层级', '民警编制', '辅警编制', '正职职数', '副职职数', '运行方式', '警务区数']];
  for (const u of staffing) {
    const station = STATIONS.includes(u.name);
    const squad = SQUADS.includes(u.name);
    const kind = station ? '派出所' : squad ? '交警中队' : '内设机构';
    const tier = station || squad ? '基层' : '机关';
    rows.push([u.name, kind, tier, u.officers + 2, u.auxiliaries + 1, 1, station ? 2 : 1, '实体化', station ? 4 : 0]);
  }
  return rows;
}

/** Names no one in the sample has: surname × two-character given names, in a fixed order. */
function names(n) {
  const surnames = ['欧阳', '司马', '上官', '诸葛', '东方', '皇甫', '令狐', '慕容', '公孙', '尉迟'];
  const given = ['子墨', '思远', '若溪', '景行', '云舒', '明哲', '安然', '清扬', '致远', '嘉懿', '沐辰', '书瑶', '泽宇', '语桐', '浩然', '梓萱', '一鸣', '可馨', '承宇', '诗涵', '晨阳', '雨萌', '俊熙', '欣怡', '博文'];
  const taken = new Set(rosterStrings('county.json').names);
  const out = [];
  for (const s of surnames)
    for (const g of given) {
      const name = s + g;
      if (!taken.has(name) && out.length < n) out.push(name);
    }
  assert.equal(out.length, n, 'enough generated names');
  return out;
}

/** The 花名册: per unit its officers (the first a head, the second a deputy), then auxiliaries. */
export function rosterRows() {
  const people = names(OFFICERS + AUXILIARIES);
  const rows = [['警号', '姓名', '性别', '出生年月', '人员类别', '职务', '现单位']];
  let i = 0;
  for (const u of staffing) {
    for (let k = 0; k < u.officers + u.auxiliaries; k++, i++) {
      const officer = k < u.officers;
      const post = officer && k === 0 ? '正职' : officer && k === 1 ? '副职' : '';
      const year = 1966 + ((i * 7) % 35);
      const month = String(1 + ((i * 5) % 12)).padStart(2, '0');
      rows.push([`T${String(80001 + i)}`, people[i], i % 3 === 0 ? '女' : '男', `${year}-${month}`, officer ? '民警' : '辅警', post, u.name]);
    }
  }
  return rows;
}

export const toCsv = (rows) => rows.map((r) => r.join(',')).join('\n') + '\n';
