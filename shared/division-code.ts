// 统计用区划代码 (12 digits): county 6 (GB/T 2260) + township 3 + village 3.
// Township digits 7–9: 000–099 街道, 100–199 镇, 200–299 乡, 400–599 other (farms, parks …).
// Village digits 10–12: 001–199 居民委员会 (incl. 社区), 200–399 村民委员会.

export type TownshipKind = 'subdistrict' | 'town' | 'township' | 'other';
export type CommitteeKind = 'residents' | 'villagers';

export const townshipKindLabels: Record<TownshipKind, string> = {
  subdistrict: '街道',
  town: '镇',
  township: '乡',
  other: '其他乡级单位',
};
export const committeeKindLabels: Record<CommitteeKind, string> = {
  residents: '居民委员会',
  villagers: '村民委员会',
};

// GB/T 2260 province-level prefixes.
const PROVINCES: Record<string, string> = {
  '11': '北京市', '12': '天津市', '13': '河北省', '14': '山西省', '15': '内蒙古自治区', '21': '辽宁省',
  '22': '吉林省', '23': '黑龙江省', '31': '上海市', '32': '江苏省', '33': '浙江省', '34': '安徽省',
  '35': '福建省', '36': '江西省', '37': '山东省', '41': '河南省', '42': '湖北省', '43': '湖南省',
  '44': '广东省', '45': '广西壮族自治区', '46': '海南省', '50': '重庆市', '51': '四川省', '52': '贵州省',
  '53': '云南省', '54': '西藏自治区', '61': '陕西省', '62': '甘肃省', '63': '青海省', '64': '宁夏回族自治区',
  '65': '新疆维吾尔自治区', '71': '台湾省', '81': '香港特别行政区', '82': '澳门特别行政区',
};

type DistrictPart = { code: string; provinceCode: string; provinceName: string; districtCode: string };
type StreetPart = DistrictPart & { streetCode: string; townshipKind: TownshipKind };

export type DivisionCode =
  | ({ level: 'district' } & DistrictPart)
  | ({ level: 'street' } & StreetPart)
  | ({ level: 'community' } & StreetPart & { communityCode: string; committeeKind: CommitteeKind });

export type DivisionCodeResult = { ok: true; value: DivisionCode } | { ok: false; code: string; message: string };

function townshipKindOf(n: number): TownshipKind | null {
  if (n >= 0 && n <= 99) return 'subdistrict';
  if (n >= 100 && n <= 199) return 'town';
  if (n >= 200 && n <= 299) return 'township';
  if (n >= 400 && n <= 599) return 'other';
  return null;
}

/**
 * Parses a division code of 6 (district), 9 (street) or 12 (community) digits. A 12-digit code padded
 * with zeros ("430188001000") is read as the shorter level it stands for, as NBS tables write them.
 */
export function parseDivisionCode(input: string): DivisionCodeResult {
  let code = input.trim();
  if (!/^\d+$/.test(code) || ![6, 9, 12].includes(code.length)) {
    return { ok: false, code: 'division-code-format', message: `区划代码“${input}”应为 6、9 或 12 位数字` };
  }
  if (code.length === 12 && code.endsWith('000000')) code = code.slice(0, 6);
  else if (code.length === 12 && code.endsWith('000')) code = code.slice(0, 9);

  const provinceCode = code.slice(0, 2);
  const provinceName = PROVINCES[provinceCode];
  if (!provinceName) {
    return { ok: false, code: 'division-code-province', message: `区划代码“${input}”的省级代码 ${provinceCode} 不存在` };
  }
  if (code.slice(2, 4) === '00' || code.slice(4, 6) === '00') {
    return { ok: false, code: 'division-code-county', message: `区划代码“${input}”不是县级（区）代码` };
  }
  const districtCode = code.slice(0, 6);
  if (code.length === 6) return { ok: true, value: { level: 'district', code, provinceCode, provinceName, districtCode } };

  const townshipKind = townshipKindOf(Number(code.slice(6, 9)));
  if (!townshipKind) {
    return { ok: false, code: 'division-code-street', message: `区划代码“${input}”第 7–9 位不是有效的乡级代码` };
  }
  const streetCode = code.slice(0, 9);
  if (code.length === 9) {
    return { ok: true, value: { level: 'street', code, provinceCode, provinceName, districtCode, streetCode, townshipKind } };
  }
  const village = Number(code.slice(9, 12));
  const committeeKind: CommitteeKind | null =
    village >= 1 && village <= 199 ? 'residents' : village >= 200 && village <= 399 ? 'villagers' : null;
  if (!committeeKind) {
    return { ok: false, code: 'division-code-community', message: `区划代码“${input}”第 10–12 位不是居委会（001–199）或村委会（200–399）代码` };
  }
  return {
    ok: true,
    value: {
      level: 'community',
      code,
      provinceCode,
      provinceName,
      districtCode,
      streetCode,
      townshipKind,
      communityCode: code,
      committeeKind,
    },
  };
}

/** Street (9-digit) code of a community code, or throws for anything that is not a community. */
export function streetOfCommunity(communityCode: string): string {
  const parsed = parseDivisionCode(communityCode);
  if (!parsed.ok || parsed.value.level !== 'community') throw new Error(`not a community code: ${communityCode}`);
  return parsed.value.streetCode;
}

/** True when `code` lies inside the jurisdiction `regionCode` (same code or a descendant). */
export function isWithin(code: string, regionCode: string): boolean {
  return code.startsWith(regionCode);
}
