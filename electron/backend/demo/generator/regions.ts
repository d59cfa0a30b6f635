// The fictional 麓山区 (430188): six 街道 and one 镇. 430188 is not assigned in GB/T 2260 (长沙's
// districts stop at 430112 and its counties start at 430121), so demo data can never be mistaken for
// a real district. Codes follow the statistical division scheme: township digits 001–099 街道,
// 100–199 镇; committee digits 001–199 居委会 (社区), 200–399 村委会.
import type { Hotline } from '../../../../shared/office';
import type { Community, OfficeRecord, Street } from './model';
import type { Rng } from './rng';

export const DISTRICT = { code: '430188', name: '麓山区', vintage: 2024 } as const;

/** Hotlines every office of the district publishes: the civil-affairs line and the government's 12345. */
const HOTLINES: readonly Hotline[] = [
  { label: '民政服务热线', number: '12349' },
  { label: '政务服务便民热线', number: '12345' },
];

/** The district bureau's own office, on the district's region. */
export const DISTRICT_OFFICE: OfficeRecord = {
  name: '麓山区民政局',
  address: '麓山区麓山大道1号',
  phone: '0731-8800 2349',
  hotlines: HOTLINES,
};

type StreetPlan = {
  suffix: string;
  name: string;
  /** Number of villages among its committees: [min, max]. */
  villages: readonly [number, number];
  neighbourhoods: string;
  villageNames: string;
  venue: string;
  /** Where the street office receives people and objections, and its phone. */
  address: string;
  phone: string;
};

// Community base names are two characters each (split below); every list holds at least 12 so a
// street can have up to 12 committees.
const PLANS: readonly StreetPlan[] = [
  {
    suffix: '001',
    name: '望江街道',
    villages: [0, 0],
    neighbourhoods: '望江江滨观澜沿江橘洲渔湾滨湖汇景望岳潮宗临江溁湾',
    villageNames: '',
    venue: '望江街道办事处三楼会议室',
    address: '麓山区望江路88号',
    phone: '0731-8852 6120',
  },
  {
    suffix: '002',
    name: '枫林街道',
    villages: [0, 0],
    neighbourhoods: '枫林银杉咸嘉杜鹃白鹭晴岚书香映月荣湾桂花金峰麓景',
    villageNames: '',
    venue: '枫林街道办事处二楼会议室',
    address: '麓山区枫林二路216号',
    phone: '0731-8861 3047',
  },
  {
    suffix: '003',
    name: '桃园街道',
    villages: [0, 1],
    neighbourhoods: '桃园杏坛梅溪凤凰阳光碧湖含光学士长塘玉兰怡园花园',
    villageNames: '桃花杨柳',
    venue: '桃园街道便民服务中心一楼会议室',
    address: '麓山区桃园路35号',
    phone: '0731-8873 5512',
  },
  {
    suffix: '004',
    name: '金盆街道',
    villages: [2, 3],
    neighbourhoods: '金盆金桥建设和平向阳东方西湖南湖北津天马新塘团结',
    villageNames: '黄泥桐木石门双江洪家竹山',
    venue: '金盆街道办事处四楼党建室',
    address: '麓山区金盆岭大道109号',
    phone: '0731-8845 2268',
  },
  {
    suffix: '005',
    name: '新华街道',
    villages: [0, 0],
    neighbourhoods: '新华红旗人民解放五一文昌育才曙光朝阳胜利友谊健康',
    villageNames: '',
    venue: '新华街道办事处三楼第一会议室',
    address: '麓山区新华东街12号',
    phone: '0731-8820 7391',
  },
  {
    suffix: '006',
    name: '湘涛街道',
    villages: [1, 3],
    neighbourhoods: '湘涛涛声浪花沙湾鹅洲观沙渡口澄湖洋湖滨洲湘湖江湾',
    villageNames: '高塘马鞍青山云盖五福大塘',
    venue: '湘涛街道办事处二楼会议室',
    address: '麓山区湘涛路501号',
    phone: '0731-8896 1804',
  },
  {
    suffix: '101',
    name: '莲湖镇',
    villages: [7, 10],
    neighbourhoods: '莲湖集镇镇东莲城',
    villageNames: '莲花荷塘白泉坪塘柏树林桥枣子花桥金鸡龙泉清水团山石塘新屋',
    venue: '莲湖镇人民政府二楼会议室',
    address: '麓山区莲湖镇集镇中路1号',
    phone: '0731-8839 0625',
  },
];

function pairs(text: string): string[] {
  const chars = Array.from(text);
  const out: string[] = [];
  for (let i = 0; i + 1 < chars.length; i += 2) out.push(`${chars[i]}${chars[i + 1]}`);
  return out;
}

const ROAD_SUFFIXES = ['路', '路', '街', '大道', '巷'];

export function buildStreets(rng: Rng): Street[] {
  return PLANS.map((plan) => {
    const code = `${DISTRICT.code}${plan.suffix}`;
    const town = Number(plan.suffix) >= 100;
    const total = town ? rng.int(9, 12) : rng.int(8, 12);
    const villageCount = rng.int(plan.villages[0], plan.villages[1]);
    const urbanNames = rng.shuffle(pairs(plan.neighbourhoods));
    const villageNames = rng.shuffle(pairs(plan.villageNames));
    const villages = Math.min(villageCount, villageNames.length, total - 1);
    const urban = Math.min(total - villages, urbanNames.length);
    const communities: Community[] = [];
    for (let i = 0; i < urban; i++) {
      const base = urbanNames[i] as string;
      const roads = [`${base}${rng.pick(ROAD_SUFFIXES)}`, `${rng.pick(urbanNames)}${rng.pick(['路', '街'])}`];
      communities.push({
        code: `${code}${String(i + 1).padStart(3, '0')}`,
        name: `${base}社区`,
        rural: false,
        roads: roads[0] === roads[1] ? [roads[0] as string] : roads,
        weight: rng.real(0.7, 1.4),
      });
    }
    for (let i = 0; i < villages; i++) {
      const base = villageNames[i] as string;
      communities.push({
        code: `${code}${String(201 + i)}`,
        name: `${base}村`,
        rural: true,
        roads: [],
        // Villages around a city are smaller than urban communities, but poorer.
        weight: rng.real(0.5, 1.0),
      });
    }
    // The name as printed carries the district, as a notice posted in the community is signed.
    const office = { name: `${DISTRICT.name}${plan.name}${town ? '人民政府' : '办事处'}`, address: plan.address, phone: plan.phone, hotlines: HOTLINES };
    return { code, name: plan.name, town, communities, staff: [], roster: [], venue: plan.venue, office };
  });
}

// Hamlets (村民小组) are named after the families or the land, as in any Hunan village.
const HAMLETS = ['王家湾', '李家冲', '上屋场', '下屋场', '塘坳', '枫树湾', '大坪', '石板', '新屋', '老屋', '竹山', '茶园', '周家坝', '刘家垅'];

/** A street address below community level; private, never printed on a public notice. */
export function addressIn(rng: Rng, community: Community): string {
  if (community.rural) return `${community.name}${rng.pick(HAMLETS)}组${rng.int(1, 60)}号`;
  const road = rng.pick(community.roads);
  const number = rng.int(1, 298);
  if (rng.chance(0.15)) return `${road}${number}号`;
  const floor = rng.int(1, 18);
  return `${road}${number}号${rng.int(1, 12)}栋${rng.int(1, 4)}单元${floor}${String(rng.int(1, 4)).padStart(2, '0')}室`;
}
