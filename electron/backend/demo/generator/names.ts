// Chinese personal names for generated people. Surname weights follow the published national
// frequency ranking with a few Hunan surnames (谭, 彭, 曾, 肖, 贺, 易, 颜, 欧阳) raised to their local
// share; given names follow the fashion of the decade of birth, so a list of 低保 households reads
// like a real one (建国 and 秀英 among the old, 梓轩 and 欣怡 among the children).
import type { Gender } from '../../../../shared/domain';
import type { Rng } from './rng';

const SURNAMES: readonly (readonly [string, number])[] = [
  ['王', 71], ['李', 70], ['张', 67], ['刘', 54], ['陈', 46], ['杨', 31], ['黄', 22], ['赵', 21], ['吴', 20],
  ['周', 19], ['徐', 14], ['孙', 13], ['马', 12], ['朱', 11], ['胡', 13], ['郭', 11], ['何', 10], ['高', 9],
  ['林', 9], ['罗', 14], ['郑', 8], ['梁', 8], ['谢', 9], ['宋', 6], ['唐', 10], ['许', 6], ['韩', 6], ['冯', 5],
  ['邓', 8], ['曹', 5], ['彭', 11], ['曾', 10], ['肖', 10], ['田', 4], ['董', 4], ['袁', 5], ['潘', 4], ['于', 3],
  ['蒋', 6], ['蔡', 4], ['余', 4], ['杜', 3], ['叶', 3], ['程', 3], ['苏', 3], ['魏', 3], ['吕', 3], ['丁', 3],
  ['任', 3], ['沈', 3], ['姚', 3], ['卢', 3], ['姜', 3], ['崔', 2], ['钟', 3], ['谭', 12], ['陆', 2], ['汪', 2],
  ['范', 2], ['金', 2], ['石', 3], ['廖', 4], ['贾', 2], ['夏', 3], ['韦', 1], ['付', 2], ['方', 2], ['白', 2],
  ['邹', 4], ['孟', 2], ['熊', 3], ['秦', 2], ['邱', 2], ['江', 2], ['尹', 2], ['薛', 2], ['段', 2], ['雷', 3],
  ['侯', 2], ['龙', 3], ['史', 2], ['陶', 2], ['黎', 3], ['贺', 6], ['顾', 1], ['毛', 3], ['郝', 1], ['龚', 3],
  ['邵', 2], ['万', 2], ['钱', 1], ['严', 2], ['覃', 1], ['武', 1], ['戴', 2], ['莫', 1], ['孔', 1], ['向', 3],
  ['汤', 2], ['易', 5], ['颜', 4], ['文', 3], ['欧', 2], ['符', 1], ['左', 1], ['喻', 2], ['伍', 2],
  ['欧阳', 3], ['司马', 0.4], ['诸葛', 0.4], ['上官', 0.4], ['司徒', 0.4], ['东方', 0.2], ['皇甫', 0.2],
];

type Era = 'old' | 'middle' | 'young';

// [first characters, second characters] of two-character given names; the second list also serves
// one-character given names.
const GIVEN: Record<Gender, Record<Era, readonly [string, string]>> = {
  male: {
    old: ['建国德志卫永福庆树长桂振金友春明光荣文学炳润海清新爱红解胜', '国华明强平军民林生发山成贵才富忠祥斌良义元伟彬江东秋荣全兴福章'],
    middle: ['志伟建海俊晓文立小永国宏军家春明振新浩红卫勇金', '伟强军勇杰涛斌超明磊鹏辉波刚峰亮飞华林平龙宇兵锋'],
    young: ['子浩宇俊梓博一思睿明家天嘉文泽昊皓奕志宏雨', '轩涵宇然杰豪睿泽博航阳辰晨铭熙翔鑫浩凯楠霖'],
  },
  female: {
    old: ['秀桂淑玉凤翠美春金兰素爱月冬梅菊巧彩丽满银', '英兰珍芳华梅莲霞凤云琴秀香娥娟荣娣菊花贞姣'],
    middle: ['丽晓小海桂春秀红雪静玉美艳燕慧文金彩', '丽娟芳红燕霞敏静玲艳琴萍英梅莉华君洁慧蓉'],
    young: ['欣梓子雨思诗语佳可梦一紫晓心若嘉婉雅依沐', '怡涵萱琪彤妍悦瑶琳雯婷欣雪菲萌馨月颖晗宁'],
  },
};

// Characters outside the common set (some in CJK Extension A) that real registers contain and that
// fonts and masking must cope with.
const RARE = '喆堃淼犇垚燚䶮㛃昇頔彧赟焜翀玥珺瑄炘旻婳';

function eraOf(birthYear: number): Era {
  if (birthYear < 1965) return 'old';
  if (birthYear < 1990) return 'middle';
  return 'young';
}

export function randomSurname(rng: Rng): string {
  return rng.weighted(SURNAMES);
}

export function givenName(rng: Rng, gender: Gender, birthYear: number): string {
  const [firsts, seconds] = GIVEN[gender][eraOf(birthYear)];
  const first = Array.from(firsts);
  const second = Array.from(seconds);
  const rare = rng.chance(0.015) ? rng.pick(Array.from(RARE)) : null;
  // One-character given names were common before 1990 and are rare again now.
  const single = rng.chance(birthYear < 1990 ? 0.28 : 0.12);
  if (single) return rare ?? rng.pick(second);
  const a = rng.pick(first);
  let b = rare ?? rng.pick(second);
  if (b === a) b = rng.pick(second.filter((c) => c !== a));
  return a + b;
}

export function personName(rng: Rng, surname: string, gender: Gender, birthYear: number): string {
  return surname + givenName(rng, gender, birthYear);
}

/** Names for staff and committee members, whose birth years cluster in the middle generation. */
export function staffName(rng: Rng, gender: Gender = rng.chance(0.55) ? 'male' : 'female'): string {
  return personName(rng, randomSurname(rng), gender, rng.int(1968, 1995));
}
