// Deterministic fake standing list (长期公示) for the notice benchmark: masked names, ten communities of
// one street, no database. The same arguments always give the same rows.
import type { NoticeDocument, NoticeRow, NoticeSection } from '../../shared/notice';
import type { CaseCategory } from '../../shared/domain';

const communities = [
  ['430188001001', '江滨社区'],
  ['430188001002', '望江花园社区'],
  ['430188001003', '东湖新村社区'],
  ['430188001004', '白沙洲社区'],
  ['430188001005', '锦绣江南社区'],
  ['430188001006', '书院路社区'],
  ['430188001007', '桂花坪社区'],
  ['430188001008', '新开铺社区'],
  ['430188001009', '金盆岭社区'],
  ['430188001010', '天心阁社区'],
] as const;

const surnames = [...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢'];
const given = [...'秀英桂兰建国志强玉珍淑芬明华红梅永福德海春生金凤丽娟国庆爱民冬梅小平'];
const categories: CaseCategory[] = ['dibao', 'dibao', 'dibao', 'dibao', 'dibao', 'tekun'];

/** A small linear congruential generator: deterministic and fast. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** `total` rows spread over the ten communities; `sections` = 1 puts them all in one table. */
export function standingNotice(total: number, sections: 1 | 10 = 10, seed = 20261122): NoticeDocument {
  const next = random(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!;
  const rows: NoticeRow[] = [];
  for (let i = 0; i < total; i++) {
    const community = communities[Math.floor((i * communities.length) / total)]!;
    const size = 1 + Math.floor(next() * next() * 6);
    // Every 97th household has a long minority name, which must wrap inside its cell.
    const headName = i % 97 === 42 ? '阿卜杜热合曼·买买提明' : `${pick(surnames)}*${pick(given)}`;
    const category = pick(categories);
    const perHead = category === 'tekun' ? 98000 : 40000 + Math.floor(next() * 40) * 500;
    rows.push({ seq: i + 1, communityName: community[1], headName, householdSize: size, amountFen: perHead * size, category, kind: null });
  }
  const sectionList: NoticeSection[] =
    sections === 1
      ? [{ communityCode: '430188001', communityName: '望江街道', rows }]
      : communities.map(([code, name]) => ({
          communityCode: code,
          communityName: name,
          rows: rows.filter((r) => r.communityName === name).map((r, k) => ({ ...r, seq: k + 1 })),
        }));
  return {
    kind: 'standing',
    title: '望江街道社会救助对象长期公示',
    streetName: '望江街道',
    issuer: '望江街道办事处',
    issuedOn: '2026-11-22',
    period: null,
    basis: '根据《社会救助暂行办法》有关规定',
    objection: { address: '望江街道办事处一楼社会救助窗口', phone: '0731-88880000', hotlines: [{ label: '民政服务热线', number: '12349' }] },
    sections: sectionList,
  };
}
