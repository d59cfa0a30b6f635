// The three typefaces of a GB/T 9704 document, by the name templates use in `font:`. The backend maps
// each to the official font when it is installed, else to the bundled open-licensed one.

export const fontFamilies = {
  /** 2号 小标宋-style titles. */
  title: 'JrdTitle',
  /** 3号 仿宋-style body text. */
  body: 'JrdBody',
  /** 黑体-style labels (出席 / 请假 / 列席, table headers). */
  heading: 'JrdHeading',
} as const;

export type FontRoleName = keyof typeof fontFamilies;

/** Official fonts a Chinese government office has installed, by role, with their usual file names. */
export const officialFontCandidates: Record<FontRoleName, { family: string; files: string[] }[]> = {
  title: [
    { family: '方正小标宋简体', files: ['FZXBSJW.TTF', 'FZXBSJW--GB1-0.ttf', 'FZXiaoBiaoSong-B05S.ttf', '方正小标宋简体.ttf', '方正小标宋_GBK.ttf', 'FZXBSK.TTF'] },
  ],
  body: [
    { family: '仿宋_GB2312', files: ['仿宋_GB2312.ttf', 'FS_GB2312.ttf', 'fangsong_GB2312.ttf', 'SIMFANG_GB2312.TTF'] },
    { family: '仿宋', files: ['simfang.ttf', 'SIMFANG.TTF', 'STFANGSO.TTF', 'FangSong.ttf'] },
  ],
  heading: [{ family: '黑体', files: ['simhei.ttf', 'SIMHEI.TTF', 'STHEITI.TTF', 'Heiti.ttf'] }],
};

/** Open-licensed fonts shipped in templates/fonts (SIL OFL 1.1, see COPYRIGHT-noto-cjk.txt). */
export const bundledFonts: Record<FontRoleName, { family: string; file: string }> = {
  title: { family: 'Noto Serif CJK SC Bold（思源宋体）', file: 'NotoSerifSC-Bold.otf' },
  body: { family: 'Noto Serif CJK SC（思源宋体）', file: 'NotoSerifSC-Regular.otf' },
  heading: { family: 'Noto Sans CJK SC Bold（思源黑体）', file: 'NotoSansSC-Bold.otf' },
};
